using System.CommandLine;
using System.Globalization;
using System.Text;
using EspProv.Cli.Output;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Security;
using EspProv.Transport;

namespace EspProv.Cli.Commands;

/// <summary>What one run of the root command does.</summary>
internal enum ProvisionOperation
{
    Provision,
    Reset,
    Reprovision,
    CallEndpoint,
    Scan,
    GenerateCredentials,
}

/// <summary>The command line resolved into one run: QR payload merged (explicit flags win), inputs validated.</summary>
internal sealed record ProvisionSettings
{
    /// <summary>The transport from <c>--transport</c> or the QR payload; null only for <c>--sec2_gen_cred</c>, which needs none.</summary>
    public required TransportName? Transport { get; init; }
    public required string? ServiceName { get; init; }
    public required ProvisionOperation Operation { get; init; }
    public required SessionRequest Session { get; init; }
    public required ProvisioningRequest Request { get; init; }
    public required string? Endpoint { get; init; }
    public required byte[] EndpointData { get; init; }
    public required int SaltLength { get; init; }
    public required string BleAdapter { get; init; }
    public required bool Verbose { get; init; }
    public required bool ShowSecrets { get; init; }
    public required bool Json { get; init; }
    public required bool NonInteractive { get; init; }
    public required TimeSpan RequestTimeout { get; init; }
    public required bool BlePair { get; init; }
    public required bool BleKeepBond { get; init; }

    /// <summary>The device AP to join through NetworkManager before anything is sent, or null.</summary>
    public required SoftApJoinSettings? Join { get; init; }

    public static ProvisionSettings From(ParseResult parse, ProvisionOptions o)
    {
        var qr = parse.GetValue(o.QrCode) is { Length: > 0 } qrText ? QrCodeArgument.Parse(qrText) : null;
        var genCred = parse.GetValue(o.Sec2GenCred);
        var transport = ParseTransport(parse.GetValue(o.Transport) ?? qr?.Transport, required: !genCred);
        var secVerNumber = parse.GetValue(o.SecVer) ?? qr?.Security;
        SecurityVersion? secVer = null;
        if (secVerNumber is { } number)
        {
            secVer = SecurityVersion.TryFromNumber(number, out var version) ? version : throw new UsageException($"Invalid Security Version {number}: use 0, 1 or 2.");
        }
        else if (genCred)
        {
            secVer = SecurityVersion.Sec2;
        }

        if (genCred && secVer != SecurityVersion.Sec2)
        {
            throw new UsageException("--sec2_gen_cred makes security 2 credentials: use it with --sec_ver 2.");
        }

        var ssid = ParseSsid(parse.GetValue(o.Ssid), parse.GetValue(o.SsidHex));
        var secrets = new SecretOptions.Reader(parse, stdinIsProtocol: transport == TransportName.Console);
        var pop = secrets.Read(o.Pop, o.Secrets.PopFile);
        var sec2Password = secrets.Read(o.Sec2Password, o.Secrets.Sec2PasswordFile);
        var passphrase = secrets.Read(o.Passphrase, o.Secrets.PassphraseFile) ?? SecretOptions.FromEnvironment("ESP_PROV_PASSPHRASE");
        var dataset = secrets.Read(o.DatasetTlvs, o.Secrets.DatasetTlvsFile) ?? SecretOptions.FromEnvironment("ESP_PROV_DATASET_TLVS");
        if (passphrase is not null && WifiPassphrase.Problem(passphrase) is { } problem)
        {
            throw new UsageException($"--passphrase: {problem}");
        }
        var session = new SessionRequest
        {
            Security = secVer,
            AllowUnauthenticated = parse.GetValue(o.AllowInsecure),
            ProtocolVersion = parse.GetValue(o.ProtoVer),
            // Flag or file first, then the QR payload, then the environment.
            ProofOfPossession = pop ?? qr?.ProofOfPossession ?? SecretOptions.FromEnvironment("ESP_PROV_POP"),
            Sec2Username = parse.GetValue(o.Sec2Username) ?? qr?.Username,
            // An explicit --pop wins over the payload's pop, also where that pop is the security 2 password.
            Sec2Password = sec2Password ?? (pop is null ? qr?.Sec2Password : qr?.Password) ?? SecretOptions.FromEnvironment("ESP_PROV_SEC2_PWD"),
        };
        var endpoint = EndpointName(parse.GetValue(o.Endpoint));
        var request = new ProvisioningRequest
        {
            Ssid = ssid,
            Passphrase = passphrase,
            Bssid = ParseBssid(parse.GetValue(o.Bssid)),
            Channel = parse.GetValue(o.Channel),
            CustomData = parse.GetValue(o.CustomData),
            ThreadDataset = dataset is { Length: > 0 } tlvs ? ParseDataset(tlvs) : null,
            // --retries alone means --retry: nobody sets a count for something they do not want.
            PassphraseRetries = parse.GetValue(o.Retry) || parse.GetResult(o.Retries) is { Implicit: false } ? Math.Max(0, parse.GetValue(o.Retries)) : 0,
            Polling = new StatusPolling
            {
                Interval = Seconds(parse.GetValue(o.PollInterval), "--poll-interval"),
                Timeout = Seconds(parse.GetValue(o.Timeout), "--timeout"),
            },
        };

        // A QR payload names the BLE device; for softAP its name is the AP to join, not an address.
        var serviceName = parse.GetValue(o.ServiceName) ?? (transport == TransportName.Ble ? qr?.Name : null);
        var join = SoftApJoinSettings.From(parse, o, secrets, transport, qr, serviceName);
        return new ProvisionSettings
        {
            Transport = transport,
            ServiceName = serviceName,
            Operation = genCred ? ProvisionOperation.GenerateCredentials
                : parse.GetValue(o.Reset) ? ProvisionOperation.Reset
                : parse.GetValue(o.Reprov) ? ProvisionOperation.Reprovision
                : endpoint is not null ? ProvisionOperation.CallEndpoint
                : parse.GetValue(o.ScanOnly) ? ProvisionOperation.Scan
                : ProvisionOperation.Provision,
            Session = session,
            Request = request,
            Endpoint = endpoint,
            EndpointData = ReadEndpointData(parse, o) ?? [],
            SaltLength = parse.GetValue(o.Sec2SaltLen),
            BleAdapter = parse.GetValue(o.BleAdapter)!,
            Verbose = parse.GetValue(o.Verbose),
            ShowSecrets = parse.GetValue(o.ShowSecrets),
            Json = parse.GetValue(o.Json),
            NonInteractive = parse.GetValue(o.NonInteractive),
            RequestTimeout = Seconds(parse.GetValue(o.RequestTimeout), "--request-timeout"),
            BlePair = parse.GetValue(o.BlePair),
            BleKeepBond = parse.GetValue(o.BleKeepBond),
            Join = join,
        };
    }

    private const int MaxEndpointDataBytes = 64 * 1024;

    private static TransportName? ParseTransport(string? text, bool required)
    {
        if (text is null)
        {
            return required ? throw new UsageException($"--transport is required: {TransportNames()}.") : null;
        }

        return TransportName.TryParse(text, out var name) ? name : throw new UsageException($"Unknown transport '{text}': use {TransportNames()}.");
    }

    private static string TransportNames() => $"{string.Join(", ", TransportName.Texts.SkipLast(1))} or {TransportName.Texts[^1]}";

    internal static TimeSpan Seconds(double value, string flag) =>
        value is >= 0 and <= 86400 ? TimeSpan.FromSeconds(value) : throw new UsageException($"{flag} takes seconds between 0 and 86400.");

    private static byte[]? ParseSsid(string? text, string? hex)
    {
        if (text is { Length: > 0 } && hex is { Length: > 0 })
        {
            throw new UsageException("Give either --ssid or --ssid-hex, not both.");
        }

        var bytes = hex is { Length: > 0 } ? Hex(hex, "--ssid-hex") : text is { Length: > 0 } ? Encoding.UTF8.GetBytes(text) : null;
        return bytes is { Length: > 32 } ? throw new UsageException($"An SSID is at most 32 bytes; this one is {bytes.Length}.") : bytes;
    }

    private static byte[]? ParseBssid(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var bytes = Hex(text.Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), "--bssid");
        return bytes.Length == 6 ? bytes : throw new UsageException("--bssid takes 6 bytes, e.g. 02:00:5e:10:00:01.");
    }

    private static byte[] ParseDataset(string hex)
    {
        try
        {
            return ThreadDataset.ParseHex(hex);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--dataset_tlvs: {ex.Message}");
        }
    }

    // An endpoint name becomes an HTTP path and a BLE characteristic description: printable ASCII
    // without the characters that would split or escape a request line.
    private static string? EndpointName(string? name) =>
        name is null || (name.Length is > 0 and <= 64 && name.All(c => c is > ' ' and < '\u007f' and not ('/' or '?' or '#' or '%')))
            ? name
            : throw new UsageException("--endpoint takes a name of 1 to 64 printable ASCII characters without spaces, '/', '?', '#' or '%' (e.g. custom-data).");

    private static byte[]? ReadEndpointData(ParseResult parse, ProvisionOptions o)
    {
        var given = new[] { parse.GetValue(o.Data) is not null, parse.GetValue(o.DataHex) is not null, parse.GetValue(o.DataFile) is not null }.Count(b => b);
        if (given > 1)
        {
            throw new UsageException("Give only one of --data, --data-hex and --data-file.");
        }

        if (given == 1 && parse.GetValue(o.Endpoint) is null)
        {
            throw new UsageException("--data, --data-hex and --data-file go with --endpoint.");
        }

        if (parse.GetValue(o.DataFile) is { } file)
        {
            // ESP-IDF's HTTP endpoints take at most 4096 bytes a request; 64 KiB leaves room for other transports.
            return BoundedRead.File(file.FullName, MaxEndpointDataBytes, "--data-file");
        }

        return parse.GetValue(o.DataHex) is { } hex ? Hex(hex, "--data-hex") : parse.GetValue(o.Data) is { } data ? Encoding.UTF8.GetBytes(data) : null;
    }

    private static byte[] Hex(string text, string flag)
    {
        try
        {
            return Convert.FromHexString(text.Trim());
        }
        catch (FormatException)
        {
            throw new UsageException($"{flag} is not valid hex.");
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ProvisionSettings {{ Transport = {Transport}, ServiceName = {ServiceName} }}");
}
