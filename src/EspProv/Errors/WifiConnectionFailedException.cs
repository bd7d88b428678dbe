using EspProv.Protocol.WifiProv;

namespace EspProv.Errors;

/// <summary>The device could not join the Wi-Fi network: wrong passphrase, or the network was not found.</summary>
public sealed class WifiConnectionFailedException : ProvException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What the device reported.</param>
    /// <param name="attempts">How many passphrases were tried (more than 1 after retries).</param>
    public WifiConnectionFailedException(WifiConnectFailedReason reason, int attempts = 1)
        : base((reason switch
        {
            WifiConnectFailedReason.AuthError => "Wi-Fi connection failed: incorrect password (authentication error)",
            WifiConnectFailedReason.NetworkNotFound => "Wi-Fi connection failed: network not found (incorrect SSID or out of range)",
            _ => $"Wi-Fi connection failed: reason {(int)reason}",
        }) + (attempts > 1 ? $", after {attempts} attempts." : "."))
    {
        Reason = reason;
        Attempts = attempts;
    }

    /// <summary>How many passphrases were tried.</summary>
    public int Attempts { get; }

    /// <summary>The failure reason the device reported.</summary>
    public WifiConnectFailedReason Reason { get; }
}
