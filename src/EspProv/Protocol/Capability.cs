namespace EspProv.Protocol;

/// <summary>The capability names a device lists in <c>prov.cap</c> (spec section 4.1).</summary>
public static class Capability
{
    /// <summary>Security 0.</summary>
    public const string NoSec = "no_sec";

    /// <summary>Security 1 without a proof of possession.</summary>
    public const string NoPop = "no_pop";

    /// <summary>Wi-Fi scan supported.</summary>
    public const string WifiScan = "wifi_scan";

    /// <summary>network_provisioning device built for Wi-Fi.</summary>
    public const string WifiProv = "wifi_prov";

    /// <summary>network_provisioning device built for Thread.</summary>
    public const string ThreadProv = "thread_prov";

    /// <summary>Thread scan supported.</summary>
    public const string ThreadScan = "thread_scan";
}
