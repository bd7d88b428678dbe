using System.CommandLine;

namespace EspProv.Cli.Commands.Batch;

/// <summary>
/// The flags of <c>esp-prov batch</c>: its own, plus the provisioning flags of the root command that make sense
/// for every device, each the default for manifest cells left empty.
/// </summary>
internal sealed class BatchOptionSet
{
    // Optional to the parser, so that `esp-prov batch --help` shows help; the command requires it.
    public Argument<string?> Manifest { get; } = new("MANIFEST") { Description = "CSV (with a header row) or JSON Lines file listing the devices; columns: " + string.Join(", ", ManifestColumns.All), Arity = ArgumentArity.ZeroOrOne };
    public Option<string?> Format { get; } = new("--format") { Description = "csv | jsonl (default: from the manifest's extension)" };
    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Devices provisioned at once", DefaultValueFactory = _ => 4 };
    public Option<int> BleConcurrency { get; } = new("--ble-concurrency") { Description = "BLE devices provisioned at once on one adapter (within --concurrency)", DefaultValueFactory = _ => 2 };
    public Option<string?> Report { get; } = new("--report") { Description = "JSON Lines report, one line per finished device (default: next to the manifest, named with the time)" };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Skip devices whose latest line in the report (--report, else the newest one next to the manifest) is a success; append to it" };
    public Option<int> Retries { get; } = new("--retries") { Description = "Further attempts, each with a fresh session, after a transport failure (a wrong password or missing network is final)", DefaultValueFactory = _ => 0 };

    public BatchOptionSet()
    {
        // The root command's words describe one interactive run; a batch asks nothing and refuses console and sim rows.
        Provisioning.Transport.Description = "softap | httpd | ble: the transport of rows that leave it empty";
        Provisioning.Ssid.Description = "Wi-Fi SSID (UTF-8) of rows that leave it empty (a batch never scans to ask)";
    }

    /// <summary>The root command's flags; only those in <see cref="Forwarded"/> and the secrets are on the batch command.</summary>
    public ProvisionOptions Provisioning { get; } = new();

    /// <summary>Provisioning flags given to every row as they are.</summary>
    public IEnumerable<Option> Forwarded =>
    [
        Provisioning.Transport, Provisioning.ProtoVer, Provisioning.SecVer, Provisioning.Sec2Username, Provisioning.Ssid, Provisioning.SsidHex,
        Provisioning.Bssid, Provisioning.Channel, Provisioning.CustomData, Provisioning.BleAdapter, Provisioning.PollInterval, Provisioning.Timeout,
        Provisioning.RequestTimeout, Provisioning.AllowInsecure, Provisioning.BlePair, Provisioning.BleKeepBond,
    ];

    /// <summary>Secrets, read once (a file or stdin) and given to every row as values.</summary>
    public IEnumerable<(Option<string?> Value, Option<string?> File)> Secrets =>
    [
        (Provisioning.Pop, Provisioning.Secrets.PopFile),
        (Provisioning.Sec2Password, Provisioning.Secrets.Sec2PasswordFile),
        (Provisioning.Passphrase, Provisioning.Secrets.PassphraseFile),
        (Provisioning.DatasetTlvs, Provisioning.Secrets.DatasetTlvsFile),
    ];

    public IEnumerable<Option> All =>
    [
        Format, Concurrency, BleConcurrency, Report, Resume, Retries, Provisioning.Json,
        .. Forwarded, .. Secrets.SelectMany(s => new Option[] { s.Value, s.File }),
    ];
}
