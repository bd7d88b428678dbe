namespace EspProv.Protocol;

/// <summary>The protocomm endpoint names of the provisioning manager (spec section 3).</summary>
public static class Endpoints
{
    /// <summary>Reset and reprovision commands (IDF 5.1+).</summary>
    public const string ProvCtrl = "prov-ctrl";

    /// <summary>Wi-Fi and Thread scan.</summary>
    public const string ProvScan = "prov-scan";

    /// <summary>The security handshake; never encrypted.</summary>
    public const string ProvSession = "prov-session";

    /// <summary>Network configuration and status.</summary>
    public const string ProvConfig = "prov-config";

    /// <summary>Version and capabilities JSON; never encrypted.</summary>
    public const string ProtoVer = "proto-ver";

    /// <summary>The custom endpoint of the wifi_prov_mgr example.</summary>
    public const string CustomData = "custom-data";

    /// <summary>
    /// The 16-bit BLE ids of the standard endpoints, in the provisioning manager's registration order;
    /// custom endpoints take 0xFF54, 0xFF55, … in the order they are created.
    /// </summary>
    public static IReadOnlyList<(string Name, ushort Id)> StandardBleIds { get; } =
    [
        (ProvCtrl, 0xFF4F),
        (ProvScan, 0xFF50),
        (ProvSession, 0xFF51),
        (ProvConfig, 0xFF52),
        (ProtoVer, 0xFF53),
    ];

    /// <summary>The BLE id of the first custom endpoint.</summary>
    public const ushort FirstCustomBleId = 0xFF54;
}
