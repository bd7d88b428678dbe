using System.CommandLine;
using EspProv.Cli.Output;
using EspProv.Flows.Batch;
using EspProv.Security;
using EspProv.Transport;
using EspProv.Transport.Http;

namespace EspProv.Cli.Commands.Batch;

/// <summary>
/// Turns manifest rows into devices, through the same path as the root command's flags: each row becomes the
/// command line it stands for (the batch's provisioning flags, minus those the row sets, plus the row's
/// values) and <see cref="ProvisionSettings.From"/> resolves it, QR payload and environment included. Every
/// row is checked before any device is contacted: a value that does not parse, a row that would need a
/// prompt (a batch asks nothing) or an access point to join (a batch joins none), a duplicate name or device
/// address; each is an error with its line and column.
/// </summary>
internal sealed class ManifestResolver
{
    private static readonly Dictionary<string, string[]> FlagsOfColumn = new(StringComparer.Ordinal)
    {
        [ManifestColumns.Transport] = ["--transport"],
        [ManifestColumns.ServiceName] = ["--service_name"],
        [ManifestColumns.SecVer] = ["--sec_ver"],
        [ManifestColumns.Pop] = ["--pop"],
        [ManifestColumns.Sec2Username] = ["--sec2_username"],
        [ManifestColumns.Sec2Password] = ["--sec2_pwd"],
        [ManifestColumns.Ssid] = ["--ssid", "--ssid-hex"],
        [ManifestColumns.Passphrase] = ["--passphrase"],
        [ManifestColumns.CustomData] = ["--custom_data"],
        [ManifestColumns.DatasetTlvs] = ["--dataset_tlvs"],
        [ManifestColumns.QrCode] = ["--qrcode"],
    };

    private readonly string _path;
    private readonly List<(string Flag, string[] Values)> _defaults;
    private readonly ProvisionOptions _rowOptions = new();
    private readonly RootCommand _rowCommand = new();

    // Values are data, never response files (@name).
    private readonly ParserConfiguration _rowParsing = new() { ResponseFileTokenReplacer = null };

    public ManifestResolver(string path, ParseResult parse, BatchOptionSet options)
    {
        _path = path;
        foreach (var option in _rowOptions.All)
        {
            _rowCommand.Options.Add(option);
        }

        _defaults = [];
        foreach (var option in options.Forwarded)
        {
            if (parse.GetResult(option) is { Implicit: false } given)
            {
                _defaults.Add((option.Name, [.. given.Tokens.Select(t => t.Value)]));
            }
        }

        var secrets = new SecretOptions.Reader(parse, stdinIsProtocol: false);
        foreach (var (value, file) in options.Secrets)
        {
            if (secrets.Read(value, file) is { } secret)
            {
                _defaults.Add((value.Name, [secret]));
            }
        }
    }

    public IReadOnlyList<ResolvedDevice> Resolve(IReadOnlyList<ManifestRow> rows)
    {
        var devices = new List<ResolvedDevice>(rows.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var device = ResolveRow(row);
            if (names.TryGetValue(device.Device.Name, out var first))
            {
                throw ManifestError.At(_path, row.Line, row[ManifestColumns.Name] ?? row[ManifestColumns.ServiceName], $"the name '{TerminalText.Safe(device.Device.Name)}' is already used on line {first}; names must be unique (the report and --resume go by them).");
            }

            // Two rows for one device would provision it twice at once, each run breaking the other's session.
            if (addresses.TryGetValue(AddressOf(device.Settings), out var same))
            {
                throw ManifestError.At(_path, row.Line, row[ManifestColumns.ServiceName] ?? row[ManifestColumns.QrCode], $"the device '{TerminalText.Safe(device.Device.ServiceName)}' is already listed on line {same}; each device once.");
            }

            names[device.Device.Name] = row.Line;
            addresses[AddressOf(device.Settings)] = row.Line;
            devices.Add(device);
        }

        return devices;
    }

    // 192.168.4.1 and 192.168.4.1:80 are one device; a BLE name or address is one per adapter, in any case.
    private static string AddressOf(ProvisionSettings settings) => settings.Transport!.Value.Kind == TransportKind.Http
        ? $"http {HttpServiceAddress.Parse(settings.ServiceName)}"
        : $"ble {settings.BleAdapter} {settings.ServiceName}";

    private ResolvedDevice ResolveRow(ManifestRow row)
    {
        var given = row.Cells.Where(c => c.Value is not null && c.Column != ManifestColumns.Name).ToList();
        var transportCell = row[ManifestColumns.Transport];
        foreach (var cell in given.Where(c => c.Column != ManifestColumns.ServiceName))
        {
            // Each value alone first, so that a bad one is named by its column; a transport keeps the others in context.
            var context = cell.Column == ManifestColumns.Transport ? [] : new[] { "--transport", TransportName.TryParse(transportCell?.Value, out _) ? transportCell!.Value! : "softap" };
            Settings(row, cell, [.. context, .. Flag(cell)]);
        }

        var overridden = given.SelectMany(Overrides).ToHashSet(StringComparer.Ordinal);
        var argv = _defaults.Where(d => !overridden.Contains(d.Flag)).SelectMany(d => new[] { d.Flag }.Concat(d.Values)).Concat(given.SelectMany(Flag)).ToArray();
        var settings = Settings(row, null, argv);
        return new ResolvedDevice(Device(row, settings), settings);
    }

    private static IEnumerable<string> Flag(ManifestCell cell) => [FlagsOfColumn[cell.Column][0], cell.Value!];

    // A QR payload fills what it holds, and a row's own value wins over the batch's flags.
    private static IEnumerable<string> Overrides(ManifestCell cell)
    {
        if (cell.Column != ManifestColumns.QrCode)
        {
            return FlagsOfColumn[cell.Column];
        }

        var qr = QrCodeArgument.Parse(cell.Value!);
        return new (bool Holds, string Flag)[]
        {
            (qr.Transport is not null, "--transport"),
            (qr.Security is not null, "--sec_ver"),
            (qr.ProofOfPossession is not null || qr.Sec2Password is not null, "--pop"),
            (qr.Username is not null, "--sec2_username"),
            (qr.Sec2Password is not null || qr.Password is not null, "--sec2_pwd"),
        }.Where(f => f.Holds).Select(f => f.Flag);
    }

    private ProvisionSettings Settings(ManifestRow row, ManifestCell? cell, string[] argv)
    {
        var parse = _rowCommand.Parse(argv, _rowParsing);
        if (parse.Errors.Count > 0)
        {
            throw ManifestError.At(_path, row.Line, cell, string.Join(" ", parse.Errors.Select(e => ParseErrors.InPlainWords(e.Message))));
        }

        try
        {
            return ProvisionSettings.From(parse, _rowOptions);
        }
        catch (UsageException ex)
        {
            throw ManifestError.At(_path, row.Line, cell, cell is null ? $"{ex.Message} (with the batch's flags as defaults)" : ex.Message);
        }
    }

    private BatchDevice Device(ManifestRow row, ProvisionSettings settings)
    {
        var transport = settings.Transport!.Value;
        if (transport is TransportName.Console or TransportName.Sim)
        {
            throw ManifestError.At(_path, row.Line, row[ManifestColumns.Transport] ?? row[ManifestColumns.QrCode], $"a batch provisions devices over softap, httpd or ble, not {transport.Text}.");
        }

        // The single-device command would join the AP the QR code names; a batch reaches its devices where they are.
        if (settings.Join is { } join)
        {
            throw ManifestError.At(_path, row.Line, row[ManifestColumns.QrCode] ?? row[ManifestColumns.ServiceName], $"a batch does not join access points, and this softAP QR code names one ('{TerminalText.Safe(join.Ssid)}'): give service_name, the device's address where the batch can reach it (not {HttpServiceAddress.Default.Host}, the address on the device's own AP).");
        }

        if (string.IsNullOrEmpty(settings.ServiceName))
        {
            throw Missing(row, ManifestColumns.ServiceName, transport == TransportName.Ble
                ? "no service_name: a batch needs each BLE device's name or address (choosing from a scan needs a person)."
                : "no service_name: a batch needs each device's address (host[:port]).");
        }

        if (transport.Kind == TransportKind.Http && !IsHttpAddress(settings.ServiceName))
        {
            throw ManifestError.At(_path, row.Line, row[ManifestColumns.ServiceName], $"not a host[:port]: '{TerminalText.Safe(settings.ServiceName)}'.");
        }

        if (settings.Request.Ssid is null && settings.Request.ThreadDataset is null)
        {
            throw Missing(row, ManifestColumns.Ssid, "no ssid (nor dataset_tlvs): choosing a network from a scan needs a person.");
        }

        if (settings.Request.Ssid is not null && settings.Request.Passphrase is null)
        {
            throw Missing(row, ManifestColumns.Passphrase, "no passphrase, and a batch asks for none (an open network: \"\" in CSV, \"\" in JSON, or --passphrase \"\").");
        }

        var session = settings.Session;
        if (session.Security == SecurityVersion.Sec2 && (string.IsNullOrEmpty(session.Sec2Username) || (string.IsNullOrEmpty(session.Sec2Password) && string.IsNullOrEmpty(session.ProofOfPossession))))
        {
            throw Missing(row, string.IsNullOrEmpty(session.Sec2Username) ? ManifestColumns.Sec2Username : ManifestColumns.Sec2Password, "security 2 needs sec2_username and sec2_pwd, and a batch asks for neither.");
        }

        return new BatchDevice
        {
            Name = row[ManifestColumns.Name]?.Value is { Length: > 0 } name ? name : settings.ServiceName,
            ServiceName = settings.ServiceName,
            Session = session,
            Request = settings.Request,
            ConcurrencyGroup = transport == TransportName.Ble ? $"ble:{settings.BleAdapter}" : null,
        };
    }

    private UsageException Missing(ManifestRow row, string column, string problem) =>
        ManifestError.At(_path, row.Line, row[column] ?? row[ManifestColumns.QrCode], problem);

    private static bool IsHttpAddress(string serviceName)
    {
        try
        {
            HttpServiceAddress.Parse(serviceName);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
