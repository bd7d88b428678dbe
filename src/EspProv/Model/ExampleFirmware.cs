namespace EspProv.Model;

/// <summary>
/// The credentials and names of ESP-IDF's provisioning examples (<c>wifi_prov_mgr</c>, and network_provisioning's
/// Thread example): what the simulator runs with by default and what a client may assume for a simulated device.
/// They are printed in Espressif's docs, so they protect nothing.
/// </summary>
public static class ExampleFirmware
{
    /// <summary>The security 1 proof of possession.</summary>
    public const string ProofOfPossession = "abcd1234";

    /// <summary>The security 2 username of the Wi-Fi example.</summary>
    public const string Sec2Username = "wifiprov";

    /// <summary>The security 2 username of network_provisioning's Thread example.</summary>
    public const string ThreadSec2Username = "threadprov";

    /// <summary>The security 2 password.</summary>
    public const string Sec2Password = "abcd1234";

    /// <summary>What every example service name starts with (then 6 uppercase hex digits of the MAC); the phone apps list devices by it.</summary>
    public const string ServiceNamePrefix = "PROV_";

    /// <summary>The security 2 salt of the Wi-Fi example (spec 11.1); with <see cref="Sec2Username"/> and <see cref="Sec2Password"/> it gives the example verifier.</summary>
    public static ReadOnlySpan<byte> Sec2Salt => [0x03, 0x6e, 0xe0, 0xc7, 0xbc, 0xb9, 0xed, 0xa8, 0x4c, 0x9e, 0xac, 0x97, 0xd9, 0x3d, 0xec, 0xf4];
}
