using System.Text;
using EspProv.Model;
using EspProv.Protocol.WifiProv;

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
    public static IReadOnlyList<WifiAccessPoint> AccessPoints { get; } =
    [
        Ap("OracleNet", 1, 6, -38, WifiAuthMode.Wpa2Psk),
        Ap("OracleNet-Guest", 2, 6, -45, WifiAuthMode.Open),
        Ap("CoffeeShop", 3, 1, -57, WifiAuthMode.WpaWpa2Psk),
        Ap("Neighbour-WPA3", 4, 11, -66, WifiAuthMode.Wpa3Psk),
        Ap("OldRouter", 5, 3, -74, WifiAuthMode.Wep),
        Ap("IoT-2.4", 6, 9, -79, WifiAuthMode.Wpa2Wpa3Psk),
    ];

    /// <summary>Two Thread networks for the network_provisioning Thread flavour.</summary>
    public static IReadOnlyList<ThreadNetwork> ThreadNetworks { get; } =
    [
        new(0x1234, 15, -42, 255, [0x02, 0x00, 0x5e, 0x20, 0x00, 0x00, 0x00, 0x01], "OracleThread", [0xde, 0xad, 0x00, 0xbe, 0xef, 0x00, 0xca, 0xfe]),
        new(0xabcd, 20, -70, 120, [0x02, 0x00, 0x5e, 0x20, 0x00, 0x00, 0x00, 0x02], "Neighbour-Mesh", [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]),
    ];

    private static WifiAccessPoint Ap(string ssid, byte bssidLast, int channel, int rssi, WifiAuthMode auth) =>
        new(Encoding.UTF8.GetBytes(ssid), [0x02, 0x00, 0x5e, 0x10, 0x00, bssidLast], channel, rssi, auth);
}
