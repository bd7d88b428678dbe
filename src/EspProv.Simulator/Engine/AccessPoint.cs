namespace EspProv.Simulator;

/// <summary>
/// One access point the simulated radio can see and join.
/// </summary>
/// <param name="Ssid">The SSID (at most 32 bytes in UTF-8).</param>
/// <param name="Bssid">The 6-byte BSSID.</param>
/// <param name="Channel">The primary channel.</param>
/// <param name="Rssi">Signal strength in dBm (negative).</param>
/// <param name="AuthMode">The raw ESP-IDF <c>wifi_auth_mode_t</c>; 0..7 map to <c>WifiAuthMode</c>, higher values crash esp_prov's table printer.</param>
public sealed record AccessPoint(string Ssid, byte[] Bssid, int Channel, int Rssi, int AuthMode)
{
    /// <summary>The BSSID as <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public string BssidText => string.Join(':', Bssid.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
