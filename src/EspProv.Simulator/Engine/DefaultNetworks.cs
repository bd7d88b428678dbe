namespace EspProv.Simulator;

/// <summary>
/// The simulated radio's default surroundings. The Wi-Fi list is the one the esp-prov-v5.5.5 fixtures
/// were recorded against, so replays of those fixtures match byte for byte.
/// </summary>
public static class DefaultNetworks
{
    /// <summary>The IPv4 address a connected station reports (fixtures: 192.168.1.123).</summary>
    public const string StationIp4 = "192.168.1.123";

    /// <summary>OracleNet, OracleNet-Guest, CoffeeShop, Neighbour-WPA3, OldRouter, IoT-2.4 with BSSIDs 02:00:5e:10:00:01..06.</summary>
    public static IReadOnlyList<AccessPoint> AccessPoints { get; } =
    [
        new("OracleNet", Bssid(1), 6, -38, 3),
        new("OracleNet-Guest", Bssid(2), 6, -45, 0),
        new("CoffeeShop", Bssid(3), 1, -57, 4),
        new("Neighbour-WPA3", Bssid(4), 11, -66, 6),
        new("OldRouter", Bssid(5), 3, -74, 1),
        new("IoT-2.4", Bssid(6), 9, -79, 7),
    ];

    /// <summary>Two Thread networks for the network_provisioning Thread flavour.</summary>
    public static IReadOnlyList<ThreadNetwork> ThreadNetworks { get; } =
    [
        new(0x1234, 15, -42, 255, [0x02, 0x00, 0x5e, 0x20, 0x00, 0x00, 0x00, 0x01], "OracleThread", [0xde, 0xad, 0x00, 0xbe, 0xef, 0x00, 0xca, 0xfe]),
        new(0xabcd, 20, -70, 120, [0x02, 0x00, 0x5e, 0x20, 0x00, 0x00, 0x00, 0x02], "Neighbour-Mesh", [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]),
    ];

    private static byte[] Bssid(byte last) => [0x02, 0x00, 0x5e, 0x10, 0x00, last];
}
