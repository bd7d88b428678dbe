using System.CommandLine;

namespace EspProv.Cli.Commands;

/// <summary>
/// The flags of the provisioning command: every esp_prov flag with its exact spelling (underscores),
/// a kebab-case alias for each, and the flags esp-prov adds.
/// </summary>
internal sealed class ProvisionOptions
{
    public Option<string?> Transport { get; } = new("--transport") { Description = "softap | httpd | ble | console | sim (a simulated device in this process)" };
    public Option<string?> ServiceName { get; } = new("--service_name", "--service-name") { Description = "softap/httpd: host[:port] (default 192.168.4.1:80); ble: device name" };
    public Option<string?> ProtoVer { get; } = new("--proto_ver", "--proto-ver") { Description = "Check the device's protocol version (e.g. v1.1)" };
    public Option<int?> SecVer { get; } = new("--sec_ver", "--sec-ver") { Description = "Security scheme 0, 1 or 2; omitted: chosen from the device" };
    public Option<string?> Pop { get; } = new("--pop") { Description = "Security 1 proof of possession" };
    public Option<string?> Sec2Username { get; } = new("--sec2_username", "--sec2-username") { Description = "Security 2 username" };
    public Option<string?> Sec2Password { get; } = new("--sec2_pwd", "--sec2-pwd", "--sec2-password") { Description = "Security 2 password" };
    public Option<bool> Sec2GenCred { get; } = new("--sec2_gen_cred", "--sec2-gen-cred") { Description = "Print a new security 2 salt and verifier for --sec2_username/--sec2_pwd and exit" };
    public Option<int> Sec2SaltLen { get; } = new("--sec2_salt_len", "--sec2-salt-len") { Description = "Salt length for --sec2_gen_cred", DefaultValueFactory = _ => 16 };
    public Option<string?> Ssid { get; } = new("--ssid") { Description = "Wi-Fi SSID (UTF-8); omitted: scan and choose" };
    public Option<string?> SsidHex { get; } = new("--ssid-hex") { Description = "Wi-Fi SSID as hex, for SSIDs that are not valid UTF-8" };
    public Option<string?> Passphrase { get; } = new("--passphrase") { Description = "Wi-Fi passphrase (empty for an open network)" };
    public Option<string?> Bssid { get; } = new("--bssid") { Description = "Pin the access point's BSSID (aa:bb:cc:dd:ee:ff)" };
    public Option<int> Channel { get; } = new("--channel") { Description = "Pin the Wi-Fi channel" };
    public Option<string?> CustomData { get; } = new("--custom_data", "--custom-data") { Description = "Text sent to the custom-data endpoint" };
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Call this custom endpoint (encrypted) with --data/--data-hex/--data-file and print the reply" };
    public Option<string?> Data { get; } = new("--data") { Description = "Request text for --endpoint" };
    public Option<string?> DataHex { get; } = new("--data-hex") { Description = "Request bytes in hex for --endpoint" };
    public Option<FileInfo?> DataFile { get; } = new("--data-file") { Description = "File with the request bytes for --endpoint" };
    public Option<bool> Reset { get; } = new("--reset") { Description = "Send prov-ctrl reset (after a failed attempt) and exit" };
    public Option<bool> Reprov { get; } = new("--reprov") { Description = "Send prov-ctrl reprov and exit" };
    public Option<string?> DatasetTlvs { get; } = new("--dataset_tlvs", "--dataset-tlvs") { Description = "Thread dataset TLVs as hex" };
    public Option<string> BleAdapter { get; } = new("--ble_adapter", "--ble-adapter") { Description = "Bluetooth adapter", DefaultValueFactory = _ => "hci0" };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Show every request and response (secrets redacted)" };
    public Option<bool> ShowSecrets { get; } = new("--show-secrets") { Description = "With -v, also show secrets (passphrase, session keys)" };
    public Option<bool> Json { get; } = new("--json") { Description = "Newline-delimited JSON on stdout; the last line is the result" };
    public Option<bool> NonInteractive { get; } = new("--non-interactive") { Description = "Never prompt; missing input is an error (automatic when stdin is not a terminal)" };
    public Option<string?> QrCode { get; } = new("--qrcode") { Description = "The device's QR payload JSON; fills transport, name, pop, security, username, password" };
    public Option<double> PollInterval { get; } = new("--poll-interval") { Description = "Seconds before the first status poll (grows to 3 s)", DefaultValueFactory = _ => 0.1 };
    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for the device to connect", DefaultValueFactory = _ => 120 };
    public Option<double> RequestTimeout { get; } = new("--request-timeout") { Description = "Seconds one request may take", DefaultValueFactory = _ => 60 };
    public Option<bool> Retry { get; } = new("--retry") { Description = "After a wrong Wi-Fi password, reset the device and try again (asks again on a terminal)" };
    public Option<int> Retries { get; } = new("--retries") { Description = "How many times --retry tries", DefaultValueFactory = _ => 3 };
    public Option<bool> BlePair { get; } = new("--ble-pair") { Description = "BLE: pair when the device demands an encrypted link (otherwise asked on a terminal, else an error)" };
    public Option<bool> BleKeepBond { get; } = new("--ble-keep-bond") { Description = "BLE: keep a bond esp-prov made (by default it is removed when done)" };
    public Option<bool> ScanOnly { get; } = new("--scan-only") { Description = "List the networks the device sees (Wi-Fi or Thread) and exit" };
    public Option<bool> AllowInsecure { get; } = new("--allow-insecure") { Description = "Accept a device that announces a weaker session than the credentials given (security 0, or security 1 without PoP)" };

    public Option<string?> Join { get; } = new("--join") { Description = "softap: join this device AP (e.g. PROV_261FCC) through NetworkManager first, and restore the previous connection afterwards" };
    public Option<string?> JoinPassword { get; } = new("--join-password") { Description = "softap: the device AP's password (the firmware's service_key); or --join-password-file, ESP_PROV_JOIN_PASSWORD" };
    public Option<bool> NoJoin { get; } = new("--no-join") { Description = "softap: never join the AP named by a QR code; you joined it by hand" };
    public Option<string?> WifiInterface { get; } = new("--wifi-interface") { Description = "softap: the Wi-Fi interface NetworkManager joins with (default: the first usable one)" };
    public Option<double> JoinTimeout { get; } = new("--join-timeout") { Description = "softap: seconds joining the AP may take in all, from asking NetworkManager to an IPv4 address", DefaultValueFactory = _ => 30 };

    public SecretOptions Secrets { get; } = new();

    public IEnumerable<Option> All =>
    [
        .. Secrets.All,
        Transport, ServiceName, ProtoVer, SecVer, Pop, Sec2Username, Sec2Password, Sec2GenCred, Sec2SaltLen, Ssid, SsidHex,
        Passphrase, Bssid, Channel, CustomData, Endpoint, Data, DataHex, DataFile, Reset, Reprov, DatasetTlvs, BleAdapter,
        Verbose, ShowSecrets, Json, NonInteractive, QrCode, PollInterval, Timeout, RequestTimeout, Retry, Retries,
        AllowInsecure, BlePair, BleKeepBond, ScanOnly, Join, JoinPassword, NoJoin, WifiInterface, JoinTimeout,
    ];
}
