using EspProv.Model;
using System.Globalization;
using System.Text;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Flows;

/// <summary>
/// One thing that happened during an operation, as <see cref="Provisioner.Progress"/> and
/// <see cref="ProvisioningClient.Progress"/> report it. Each kind is its own record with typed data;
/// <see cref="Message"/> is a line for people and never holds a secret.
/// </summary>
public abstract record ProvisioningEvent
{
    private protected ProvisioningEvent()
    {
    }

    /// <summary>A human-readable line (never holds a secret; device text in it is raw and must be escaped for a terminal).</summary>
    public abstract string Message { get; }
}

/// <summary>proto-ver was read.</summary>
public sealed record DeviceInfoRead(DeviceInfo Device) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Device.IsJson
        ? $"Device: {Device.Version}, security {(Device.Security is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "?")}, capabilities [{string.Join(", ", Device.Capabilities)}]"
        : $"Device: legacy version '{Device.Raw}'";
}

/// <summary>The security scheme was chosen from what the device announced.</summary>
public sealed record SecuritySelected(SecurityVersion Security) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => $"Security scheme: {(int)Security}";
}

/// <summary>The device's protocol version matched the one required.</summary>
public sealed record VersionVerified(string Version) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => $"Protocol version {Version} verified";
}

/// <summary>The device proved the secure session.</summary>
public sealed record SessionEstablished(SecurityVersion Security) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => $"Session established (security {(int)Security})";
}

/// <summary>What makes a session weaker than it looks.</summary>
public enum SecurityWarningKind
{
    /// <summary>Security 0, or security 1 without a proof of possession: the device is not authenticated.</summary>
    UnauthenticatedSession,

    /// <summary>Security 2 patch 0: one GCM nonce for every message.</summary>
    NonceReuse,
}

/// <summary>A property of the session the user should know about.</summary>
public sealed record SecurityWarning(SecurityWarningKind Kind, SecurityLevel Level, bool ThreadDevice) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Kind switch
    {
        SecurityWarningKind.NonceReuse => "This device encrypts every message under one GCM nonce (security 2 patch 0, ESP-IDF v5.0 to v5.4.0): anyone who records two messages can combine them. Update its firmware.",
        _ when Level == SecurityLevel.Sec0 => $"Unauthenticated session (security 0): the device is not verified and the {(ThreadDevice ? "Thread dataset travels" : "Wi-Fi credentials travel")} unencrypted.",
        _ => "Unauthenticated session (security 1 without a proof of possession): the device is not verified, anyone in range could stand in for it.",
    };
}

/// <summary>An endpoint (custom-data or another custom one) answered.</summary>
public sealed record EndpointAnswered(string Endpoint, byte[] Response) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Endpoint == Endpoints.CustomData ? $"Custom data response: {Describe(Response)}" : $"{Endpoint} response: {Describe(Response)}";

    private static string Describe(byte[] bytes)
    {
        var printable = bytes.Length > 0 && bytes.All(b => b is >= 0x20 and < 0x7f or 0);
        var text = printable ? Encoding.ASCII.GetString(bytes).Replace("\0", "\\0", StringComparison.Ordinal) : null;
        return text is null ? $"hex {Convert.ToHexStringLower(bytes)}" : $"'{text}' (hex {Convert.ToHexStringLower(bytes)})";
    }
}

/// <summary>A Wi-Fi scan (<see cref="Thread"/> false) or a Thread scan finished.</summary>
public sealed record ScanCompleted(bool Thread, IReadOnlyList<WifiAccessPoint> AccessPoints, IReadOnlyList<ThreadNetwork> ThreadNetworks) : ProvisioningEvent
{
    /// <summary>How many results the scan gave.</summary>
    public int Count => Thread ? ThreadNetworks.Count : AccessPoints.Count;

    /// <inheritdoc />
    public override string Message => Thread ? $"Thread scan found {Count} networks" : $"Scan found {Count} access points";
}

/// <summary>A device reported more scan results than are ever read (<see cref="ProvisioningClient.MaxScanResults"/>).</summary>
public sealed record ScanCapped(uint Reported, uint Read) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => $"The device reported {Reported} scan results; reading the first {Read}.";
}

/// <summary>The Wi-Fi credentials (<see cref="Ssid"/> set) or the Thread dataset were sent.</summary>
public sealed record ConfigSent(byte[]? Ssid) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Ssid is { } ssid ? $"Wi-Fi credentials for '{SsidCodec.ToText(ssid)}' sent" : "Thread dataset sent";
}

/// <summary>ApplyConfig was accepted: the device now connects (Wi-Fi) or attaches (Thread).</summary>
public sealed record ConfigApplied(bool Thread) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Thread ? "Dataset applied; waiting for the device to attach" : "Config applied; waiting for the device to connect";
}

/// <summary>Where a status poll left things.</summary>
public enum PollState
{
    /// <summary>Wi-Fi: still connecting (perhaps after a failed attempt).</summary>
    Connecting,

    /// <summary>Thread: still attaching.</summary>
    Attaching,

    /// <summary>The poll failed on the link; it will be tried again.</summary>
    LinkError,

    /// <summary>A new secure session replaced one whose reply was lost.</summary>
    SessionRenewed,
}

/// <summary>A status poll's outcome while waiting.</summary>
/// <param name="State">Where things stand.</param>
/// <param name="AttemptsRemaining">Wi-Fi: connection attempts the device has left after a failed one.</param>
/// <param name="Detail">For <see cref="PollState.LinkError"/>: what failed and how many tries are left.</param>
public sealed record StatusPolled(PollState State, uint? AttemptsRemaining = null, string? Detail = null) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => State switch
    {
        PollState.Connecting => AttemptsRemaining is { } left ? $"Connecting… (an attempt failed, {left} remaining)" : "Connecting…",
        PollState.Attaching => "Attaching…",
        PollState.LinkError => $"Status poll failed ({Detail}).",
        _ => "Opened a new secure session after the lost reply.",
    };
}

/// <summary>The run goes round again: a rejected passphrase, or input that could not be read.</summary>
public sealed record Retrying(string Reason) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Reason;
}

/// <summary>The prov-ctrl commands.</summary>
public enum ControlCommand
{
    /// <summary>Reset after a failed attempt: the device takes new credentials.</summary>
    Reset,

    /// <summary>Back to provisioning after success (devices that keep provisioning running).</summary>
    Reprovision,
}

/// <summary>A prov-ctrl command was done.</summary>
public sealed record ControlDone(ControlCommand Command) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Command == ControlCommand.Reset ? "Device reset: it accepts new credentials" : "Device back in provisioning mode";
}

/// <summary>The device joined the network: Wi-Fi (<see cref="Wifi"/>) or Thread (<see cref="Thread"/>).</summary>
public sealed record NetworkJoined(WifiConnection? Wifi, ThreadAttachment? Thread) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => Wifi is { } wifi
        ? $"Connected to '{wifi.SsidText}' with IP {wifi.Ip4}"
        : $"Attached to Thread network '{Thread?.NetworkName}' (PAN 0x{Thread?.PanId:x4}, channel {Thread?.Channel})";
}
