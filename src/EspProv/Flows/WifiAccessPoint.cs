using System.Text;
using EspProv.Protocol.WifiProv;

namespace EspProv.Flows;

/// <summary>One access point from a device's Wi-Fi scan.</summary>
/// <param name="Ssid">The SSID bytes as the device reported them (not necessarily UTF-8).</param>
/// <param name="Bssid">The 6-byte BSSID.</param>
/// <param name="Channel">Primary channel.</param>
/// <param name="Rssi">Signal strength in dBm.</param>
/// <param name="Auth">Authentication mode (values beyond 7 are possible on newer firmware).</param>
public sealed record WifiAccessPoint(byte[] Ssid, byte[] Bssid, int Channel, int Rssi, WifiAuthMode Auth)
{
    /// <summary>The SSID for display: UTF-8 when valid, else Latin-1 (what esp_prov shows); trailing NULs removed.</summary>
    public string SsidText => SsidCodec.ToText(Ssid);

    /// <summary>The BSSID as 12 lowercase hex digits, as esp_prov prints it.</summary>
    public string BssidHex => Convert.ToHexStringLower(Bssid);

    /// <summary>The auth mode name esp_prov prints, or the number for values it does not know.</summary>
    public string AuthName => AuthModeNames.Of(Auth);
}

/// <summary>The Wi-Fi auth mode names esp_prov prints.</summary>
public static class AuthModeNames
{
    private static readonly string[] Names = ["Open", "WEP", "WPA_PSK", "WPA2_PSK", "WPA_WPA2_PSK", "WPA2_ENTERPRISE", "WPA3_PSK", "WPA2_WPA3_PSK"];

    /// <summary>The name, or the number for values newer firmware may send (WAPI, OWE, …).</summary>
    public static string Of(WifiAuthMode mode) =>
        (int)mode is >= 0 and < 8 ? Names[(int)mode] : ((int)mode).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Turns SSID bytes into text and back.</summary>
public static class SsidCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>UTF-8 when the bytes are valid UTF-8, else Latin-1; trailing NULs removed.</summary>
    public static string ToText(ReadOnlySpan<byte> ssid)
    {
        var end = ssid.Length;
        while (end > 0 && ssid[end - 1] == 0)
        {
            end--;
        }

        try
        {
            return StrictUtf8.GetString(ssid[..end]);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(ssid[..end]);
        }
    }
}
