using EspProv.Model;
using EspProv.Protocol.WifiProv;

namespace EspProv.Flows;

/// <summary>The device's report after it joined the Wi-Fi network.</summary>
/// <param name="Ip4">The station's IPv4 address.</param>
/// <param name="Ssid">The network's SSID bytes.</param>
/// <param name="Bssid">The access point's BSSID (6 bytes; ESP-IDF 5.5 garbles the bytes after a zero byte).</param>
/// <param name="Channel">The primary channel.</param>
/// <param name="Auth">The network's authentication mode.</param>
public sealed record WifiConnection(string Ip4, byte[] Ssid, byte[] Bssid, int Channel, WifiAuthMode Auth)
{
    /// <summary>The SSID as text.</summary>
    public string SsidText => SsidCodec.ToText(Ssid);

    /// <summary>The BSSID as <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public string BssidText => MacAddressText.Format(Bssid);
}
