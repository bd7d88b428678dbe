namespace EspProv.Simulator;

/// <summary>
/// wifi_provisioning and network_provisioning declare the same <c>wifi_auth_mode_t</c> values in two proto
/// packages; access points carry the former, the simulator answers with the latter.
/// </summary>
internal static class WifiAuthModes
{
    public static Protocol.NetworkProv.WifiAuthMode ToNetworkProv(this Protocol.WifiProv.WifiAuthMode mode) => (Protocol.NetworkProv.WifiAuthMode)(int)mode;
}
