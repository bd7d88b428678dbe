using EspProv.Protocol.WifiProv;

namespace EspProv.Errors;

/// <summary>The device could not join the Wi-Fi network: wrong passphrase, or the network was not found.</summary>
public sealed class WifiConnectionFailedException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public WifiConnectionFailedException(WifiConnectFailedReason reason)
        : base(reason switch
        {
            WifiConnectFailedReason.AuthError => "Wi-Fi connection failed: incorrect password (authentication error).",
            WifiConnectFailedReason.NetworkNotFound => "Wi-Fi connection failed: network not found (incorrect SSID or out of range).",
            _ => $"Wi-Fi connection failed: reason {(int)reason}.",
        })
    {
        Reason = reason;
    }

    /// <summary>The failure reason the device reported.</summary>
    public WifiConnectFailedReason Reason { get; }
}
