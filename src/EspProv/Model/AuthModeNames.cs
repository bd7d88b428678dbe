using System.Globalization;
using EspProv.Protocol.WifiProv;

namespace EspProv.Model;

/// <summary>The Wi-Fi auth mode names esp_prov prints (<c>wifi_auth_mode_t</c> 0..7).</summary>
public static class AuthModeNames
{
    private static readonly string[] Names = ["Open", "WEP", "WPA_PSK", "WPA2_PSK", "WPA_WPA2_PSK", "WPA2_ENTERPRISE", "WPA3_PSK", "WPA2_WPA3_PSK"];

    /// <summary>Every name, in <c>wifi_auth_mode_t</c> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The name, or the number for values newer firmware may send (WAPI, OWE, …).</summary>
    public static string Of(WifiAuthMode mode) =>
        (int)mode is >= 0 and < 8 ? Names[(int)mode] : ((int)mode).ToString(CultureInfo.InvariantCulture);

    /// <summary>Finds the mode a name stands for, ignoring case (<c>wpa2_psk</c>, <c>OPEN</c>).</summary>
    public static bool TryParse(string name, out WifiAuthMode mode)
    {
        var index = Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        mode = index >= 0 ? (WifiAuthMode)index : default;
        return index >= 0;
    }
}
