using EspProv.Model;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>
/// How the simulated device is built and how its simulated radio behaves. The defaults are the
/// ESP-IDF <c>wifi_prov_mgr</c> example (security 2 patch 1, <c>wifiprov</c>/<c>abcd1234</c>,
/// a <c>custom-data</c> endpoint) with the fixture AP list.
/// </summary>
public sealed record DeviceOptions
{
    /// <summary>The security scheme the device runs.</summary>
    public SecurityVersion Security { get; init; } = SecurityVersion.Sec2;

    /// <summary>Security 2 patch level: 1 = counter nonce (current firmware), 0 = constant 16-byte nonce.</summary>
    public int Sec2PatchLevel { get; init; } = 1;

    /// <summary>Security 1 proof of possession; null or empty means the device runs without one.</summary>
    public string? Pop { get; init; } = ExampleFirmware.ProofOfPossession;

    /// <summary>Security 1 without a PoP even if <see cref="Pop"/> is set (advertises <c>no_pop</c>).</summary>
    public bool NoPop { get; init; }

    /// <summary>
    /// Security 2 username. Only used to derive the verifier when <see cref="Sec2Verifier"/> is null.
    /// Unless set: <c>threadprov</c> for <see cref="DeviceFlavour.NetworkProvThread"/> (network_provisioning's
    /// Thread example), <c>wifiprov</c> otherwise.
    /// </summary>
    public string Sec2Username
    {
        get => field ?? (Flavour == DeviceFlavour.NetworkProvThread ? ExampleFirmware.ThreadSec2Username : ExampleFirmware.Sec2Username);
        init;
    }

    /// <summary>Security 2 password. Only used to derive the verifier when <see cref="Sec2Verifier"/> is null; never logged, but printed in the QR payload, as ESP-IDF's examples do.</summary>
    public string Sec2Password { get; init; } = ExampleFirmware.Sec2Password;

    /// <summary>Security 2 salt; null = <see cref="ExampleFirmware.Sec2Salt"/> (spec 11.1).</summary>
    public byte[]? Sec2Salt { get; init; }

    /// <summary>Security 2 verifier; null = derived from username, password and salt (for the defaults: the spec 11.1 verifier).</summary>
    public byte[]? Sec2Verifier { get; init; }

    /// <summary>The station connects (or fails) on this GetStatus poll after ApplyConfig (fixtures: 2 = Connecting, then Connected).</summary>
    public int ConnectAfterPolls { get; init; } = 2;

    /// <summary>When set, the outcome is reached once this much time has passed since ApplyConfig instead of after <see cref="ConnectAfterPolls"/> polls.</summary>
    public TimeSpan? ConnectAfter { get; init; }

    /// <summary>How the connection attempt ends.</summary>
    public FailureMode Fail { get; init; } = FailureMode.None;

    /// <summary><c>wifi_conn_attempts</c>: 0 = fail on the first disconnect; N &gt; 0 = report <c>attempt_failed</c> until N attempts failed.</summary>
    public int ConnAttempts { get; init; }

    /// <summary>
    /// The device closes the link without answering its first N ApplyConfig requests, as one that rebooted
    /// there; credentials must then be sent again in a new session.
    /// </summary>
    public int DropLinkOnApply { get; init; }

    /// <summary>The access points the radio sees; the station joins the first one whose SSID matches.</summary>
    public IReadOnlyList<WifiAccessPoint> AccessPoints { get; init; } = DefaultNetworks.AccessPoints;

    /// <summary>Limits a Wi-Fi scan to the first N entries of <see cref="AccessPoints"/> (fixtures: <c>scan_count</c>); null = all.</summary>
    public int? ScanCount { get; init; }

    /// <summary>The Thread networks the radio discovers (Thread flavour).</summary>
    public IReadOnlyList<ThreadNetwork> ThreadNetworks { get; init; } = DefaultNetworks.ThreadNetworks;

    /// <summary><c>CONFIG_WIFI_PROV_SCAN_MAX_ENTRIES</c> (1..255).</summary>
    public int ScanMaxEntries { get; init; } = 16;

    /// <summary>How long a scan takes; a blocking ScanStart answers only after it. Zero keeps tests and CLI runs fast.</summary>
    public TimeSpan ScanDuration { get; init; } = TimeSpan.Zero;

    /// <summary>The provisioning component the firmware was built with.</summary>
    public DeviceFlavour Flavour { get; init; } = DeviceFlavour.WifiProv;

    /// <summary><c>wifi_prov_mgr_disable_auto_stop()</c>: keep serving after success; required for CtrlReprov.</summary>
    public bool NoAutoStop { get; init; }

    /// <summary>Delay between reading a Connected status and the service stopping (ESP-IDF default 1000 ms).</summary>
    public TimeSpan CleanupDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>CONFIG_WIFI_PROV_AUTOSTOP_TIMEOUT</c>: the service stops this long after the station got an IP even if nobody reads the status.</summary>
    public TimeSpan AutoStopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The service name (softAP SSID / BLE name); null = <c>PROV_</c> + 6 random uppercase hex digits.</summary>
    public string? ServiceName { get; init; }

    /// <summary>Custom endpoints created before start; each answers <c>SUCCESS\0</c> unless replaced with <see cref="SimulatedDevice.RegisterEndpoint"/>.</summary>
    public IReadOnlyList<string> CustomEndpoints { get; init; } = [Endpoints.CustomData];

    /// <summary>Application entries printed before <c>prov</c> in the proto-ver JSON.</summary>
    public IReadOnlyList<AppInfo> AppInfo { get; init; } = [];

    /// <summary>The IPv4 address reported once connected.</summary>
    public string StationIp4 { get; init; } = DefaultNetworks.StationIp4;

    /// <summary>True when the device runs security 1 without a proof of possession.</summary>
    public bool RunsWithoutPop => Security == SecurityVersion.Sec1 && (NoPop || string.IsNullOrEmpty(Pop));

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of the range ESP-IDF accepts.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Security))
        {
            throw new ArgumentException($"Unknown security version {Security.Number}.", nameof(Security));
        }

        if (Sec2PatchLevel is not (0 or 1))
        {
            throw new ArgumentException("The security 2 patch level is 0 or 1.", nameof(Sec2PatchLevel));
        }

        if (Security == SecurityVersion.Sec2 && (string.IsNullOrEmpty(Sec2Username) || (Sec2Verifier is null && string.IsNullOrEmpty(Sec2Password))))
        {
            throw new ArgumentException("Security 2 needs a username and a password (or a verifier).", nameof(Sec2Username));
        }

        if (Sec2Verifier is not null && Sec2Salt is null)
        {
            throw new ArgumentException("A security 2 verifier needs the salt it was made with.", nameof(Sec2Salt));
        }

        var isThread = Flavour == DeviceFlavour.NetworkProvThread;
        if (!Enum.IsDefined(Fail) || (isThread && Fail == FailureMode.Auth) || (!isThread && Fail == FailureMode.DatasetInvalid))
        {
            throw new ArgumentException(
                isThread
                    ? $"A Thread device cannot fail with {Fail}: it fails with DatasetInvalid (at ApplyThreadConfig) or NotFound (the attach timer)."
                    : $"A Wi-Fi device cannot fail with {Fail}: it fails with Auth or NotFound.",
                nameof(Fail));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ConnectAfterPolls, 1, nameof(ConnectAfterPolls));
        ArgumentOutOfRangeException.ThrowIfNegative(ConnAttempts, nameof(ConnAttempts));
        ArgumentOutOfRangeException.ThrowIfNegative(DropLinkOnApply, nameof(DropLinkOnApply));
        ArgumentOutOfRangeException.ThrowIfLessThan(ScanMaxEntries, 1, nameof(ScanMaxEntries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ScanMaxEntries, 255, nameof(ScanMaxEntries));
        ArgumentOutOfRangeException.ThrowIfLessThan(CleanupDelay, TimeSpan.Zero, nameof(CleanupDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ScanDuration, TimeSpan.Zero, nameof(ScanDuration));
        if (ScanCount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ScanCount), "The scan count cannot be negative.");
        }

        foreach (var ap in AccessPoints)
        {
            if (ap.Bssid.Length != 6 || ap.Ssid.Length > 32)
            {
                throw new ArgumentException($"Access point '{ap.SsidText}' needs a 6-byte BSSID and an SSID of at most 32 bytes.", nameof(AccessPoints));
            }
        }

        var standard = Endpoints.StandardBleIds.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in CustomEndpoints)
        {
            if (string.IsNullOrEmpty(name) || standard.Contains(name) || name.Contains('/') || name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"'{name}' cannot be a custom endpoint name.", nameof(CustomEndpoints));
            }
        }

        if (CustomEndpoints.Distinct(StringComparer.Ordinal).Count() != CustomEndpoints.Count)
        {
            throw new ArgumentException("Custom endpoint names must be unique.", nameof(CustomEndpoints));
        }
    }
}
