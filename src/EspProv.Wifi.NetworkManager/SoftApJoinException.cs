using EspProv.Errors;

namespace EspProv.Wifi.NetworkManager;

/// <summary>
/// Joining the device's access point failed. The previous connection has been restored by the time this is thrown
/// (see <see cref="SoftApJoiner.JoinAsync"/> for the one case where that finishes later); the message is one line a
/// user can act on. Switch over the concrete type to tell the causes apart.
/// </summary>
public abstract class SoftApJoinException : ProvException
{
    /// <summary>Creates the exception.</summary>
    protected SoftApJoinException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Why NetworkManager cannot be used.</summary>
public enum NetworkManagerUnavailableReason
{
    /// <summary>There is no D-Bus system bus to talk to.</summary>
    NoBus,

    /// <summary>The bus is up but nothing owns <c>org.freedesktop.NetworkManager</c>.</summary>
    NotRunning,

    /// <summary>NetworkManager (polkit) refused to add or activate a connection for this user.</summary>
    PermissionDenied,
}

/// <summary>NetworkManager is absent, not running, or refuses this user.</summary>
public sealed class NetworkManagerUnavailableException(NetworkManagerUnavailableReason reason, string message, Exception? innerException = null)
    : SoftApJoinException(message, innerException)
{
    /// <summary>What is missing.</summary>
    public NetworkManagerUnavailableReason Reason { get; } = reason;
}

/// <summary>NetworkManager manages no Wi-Fi device (or not the one named).</summary>
public sealed class WifiDeviceNotFoundException(string message) : SoftApJoinException(message);

/// <summary>The device's access point was not in the scan results.</summary>
public sealed class AccessPointNotFoundException(string ssid, string message) : SoftApJoinException(message)
{
    /// <summary>The SSID looked for.</summary>
    public string Ssid { get; } = ssid;
}

/// <summary>
/// The access point refused the password (NetworkManager: no secrets, supplicant disconnect or failure), or it is
/// protected and none was given (<see cref="PasswordMissing"/>; nothing was changed then).
/// </summary>
public sealed class AccessPointAuthenticationException(string ssid, uint reason, string message, bool passwordMissing = false) : SoftApJoinException(message)
{
    /// <summary>The AP is protected and no password was given: asking for one and joining again is safe.</summary>
    public bool PasswordMissing { get; } = passwordMissing;

    /// <summary>The access point's SSID.</summary>
    public string Ssid { get; } = ssid;

    /// <summary>NetworkManager's NMDeviceStateReason (or NMActiveConnectionStateReason when the device gave none).</summary>
    public uint Reason { get; } = reason;
}

/// <summary>The connection was not up with an IPv4 address within the join timeout.</summary>
public sealed class AccessPointJoinTimeoutException(string ssid, TimeSpan timeout, string message, Exception? innerException = null) : SoftApJoinException(message, innerException)
{
    /// <summary>The access point's SSID.</summary>
    public string Ssid { get; } = ssid;

    /// <summary>How long esp-prov waited.</summary>
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>NetworkManager gave up on the connection for another reason (its state reason is in the message).</summary>
public sealed class AccessPointJoinFailedException(string ssid, uint reason, string message, Exception? innerException = null) : SoftApJoinException(message, innerException)
{
    /// <summary>The access point's SSID.</summary>
    public string Ssid { get; } = ssid;

    /// <summary>NetworkManager's NMDeviceStateReason or NMActiveConnectionStateReason; 0 when none applies.</summary>
    public uint Reason { get; } = reason;
}

/// <summary><c>discover --softap</c>: NetworkManager answered the scan or the listing with an error (its words are in the message).</summary>
public sealed class AccessPointScanFailedException(string message, Exception? innerException = null) : SoftApJoinException(message, innerException);
