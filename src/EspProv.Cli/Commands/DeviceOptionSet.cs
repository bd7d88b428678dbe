using System.CommandLine;
using EspProv.Model;
using EspProv.Transport;

namespace EspProv.Cli.Commands;

/// <summary>
/// The flags of <c>esp-prov device</c>, in kebab-case with esp_prov's underscore spellings as aliases
/// where the concept is the same. Defaults are ESP-IDF's wifi_prov_mgr example.
/// </summary>
internal sealed class DeviceOptionSet
{
    public Option<string> Transport { get; } = new("--transport") { Description = $"{TransportName.Httpd.Text} | {TransportName.Console.Text} | {TransportName.Ble.Text}", DefaultValueFactory = _ => TransportName.Httpd.Text };
    public Option<string> Host { get; } = new("--host") { Description = "Address the HTTP host binds (loopback unless told otherwise)", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<int> Port { get; } = new("--port") { Description = "First HTTP port (device i listens on port+i; 0 = any free port)", DefaultValueFactory = _ => 8080 };
    public Option<int> SecVer { get; } = new("--sec-ver", "--sec_ver") { Description = "Security scheme 0, 1 or 2", DefaultValueFactory = _ => 2 };
    public Option<int> SecPatchVer { get; } = new("--sec-patch-ver", "--sec_patch_ver") { Description = "Security 2 patch level: 1 (counter nonce) or 0 (constant nonce)", DefaultValueFactory = _ => 1 };
    public Option<string> Pop { get; } = new("--pop") { Description = "Security 1 proof of possession", DefaultValueFactory = _ => ExampleFirmware.ProofOfPossession };
    public Option<bool> NoPop { get; } = new("--no-pop") { Description = "Security 1 without a proof of possession" };
    public Option<string?> Sec2Username { get; } = new("--sec2-username", "--sec2_username") { Description = $"Security 2 username (default {ExampleFirmware.Sec2Username}; {ExampleFirmware.ThreadSec2Username} with --flavour thread)" };
    public Option<string> Sec2Password { get; } = new("--sec2-password", "--sec2_pwd", "--sec2-pwd") { Description = "Security 2 password (the verifier is derived from it)", DefaultValueFactory = _ => ExampleFirmware.Sec2Password };
    public Option<string?> Sec2Salt { get; } = new("--sec2-salt") { Description = "Security 2 salt in hex (with --sec2-verifier)" };
    public Option<string?> Sec2Verifier { get; } = new("--sec2-verifier") { Description = "Security 2 verifier in hex (with --sec2-salt)" };
    public Option<int> ConnectAfter { get; } = new("--connect-after") { Description = "GetStatus polls after ApplyConfig until the outcome", DefaultValueFactory = _ => 2 };
    public Option<string?> Fail { get; } = new("--fail") { Description = "How provisioning fails. Wi-Fi: auth | not-found (after --connect-after polls). Thread: dataset-invalid (ApplyThreadConfig fails) | network-not-found (after --connect-after polls)" };
    public Option<int> ConnAttempts { get; } = new("--conn-attempts") { Description = "Failed attempts reported (attempts_remaining) before the final failure" };
    public Option<int> DropLink { get; } = new("--drop-link") { Description = "Close the link without answering the first N ApplyConfig requests (a device that reboots there)" };
    public Option<int?> ScanCount { get; } = new("--scan-count") { Description = "Number of access points the scan finds (default list has 6)" };
    public Option<FileInfo?> ApList { get; } = new("--ap-list") { Description = "JSON file with the access points (ssid, bssid, channel, rssi, auth)" };
    public Option<string> Flavour { get; } = new("--flavour", "--flavor") { Description = "wifi-prov | network-prov | thread", DefaultValueFactory = _ => "wifi-prov" };
    public Option<bool> NoAutoStop { get; } = new("--no-auto-stop") { Description = "Keep serving after success (allows --reprov)" };
    public Option<string?> ServiceName { get; } = new("--service-name", "--service_name") { Description = $"Service name (default {ExampleFirmware.ServiceNamePrefix} + 6 hex digits)" };
    public Option<int> MaxConnections { get; } = new("--max-connections") { Description = "Most TCP connections each HTTP device serves at once; more are closed on arrival", DefaultValueFactory = _ => EspProv.Simulator.Hosts.Http.HttpHostOptions.DefaultMaxConnections };
    public Option<int> Count { get; } = new("--count") { Description = "Independent devices on consecutive ports", DefaultValueFactory = _ => 1 };
    public Option<double?> Lifetime { get; } = new("--lifetime") { Description = "Stop after this many seconds" };
    public Option<bool> ExitWhenProvisioned { get; } = new("--exit-when-provisioned") { Description = "Stop once every device finished provisioning" };
    public Option<string> BleAdapter { get; } = new("--ble-adapter", "--ble_adapter") { Description = "Bluetooth adapter for --transport ble", DefaultValueFactory = _ => "hci0" };

    public IEnumerable<Option> All =>
    [
        Transport, Host, Port, SecVer, SecPatchVer, Pop, NoPop, Sec2Username, Sec2Password, Sec2Salt, Sec2Verifier, ConnectAfter,
        Fail, ConnAttempts, DropLink, ScanCount, ApList, Flavour, NoAutoStop, ServiceName, MaxConnections, Count, Lifetime, ExitWhenProvisioned, BleAdapter,
    ];
}
