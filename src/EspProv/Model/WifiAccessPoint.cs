using EspProv.Protocol.WifiProv;

namespace EspProv.Model;

/// <summary>One access point from a Wi-Fi scan: what a device reports, and what the simulated radio sees.</summary>
/// <param name="Ssid">The SSID bytes as the device reported them (not necessarily UTF-8; at most 32).</param>
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

    /// <summary>The BSSID as <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public string BssidText => MacAddressText.Format(Bssid);

    /// <summary>The auth mode name esp_prov prints, or the number for values it does not know.</summary>
    public string AuthName => AuthModeNames.Of(Auth);
}
