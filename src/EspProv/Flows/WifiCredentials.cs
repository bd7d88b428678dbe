using EspProv.Model;

namespace EspProv.Flows;

/// <summary>What SetConfig sends. SSID and passphrase are bytes: UTF-8 from text, or raw for odd SSIDs.</summary>
/// <param name="Ssid">SSID, at most 32 bytes.</param>
/// <param name="Passphrase">Passphrase, at most 63 bytes; empty for an open network.</param>
/// <param name="Bssid">Optional 6-byte BSSID to pin.</param>
/// <param name="Channel">Optional channel to pin (0 = any).</param>
public sealed record WifiCredentials(byte[] Ssid, byte[] Passphrase, byte[]? Bssid = null, int Channel = 0)
{
    /// <summary>Never prints the passphrase.</summary>
    public override string ToString() => $"WifiCredentials {{ Ssid = {SsidCodec.ToText(Ssid)}, Passphrase = ***, Channel = {Channel} }}";
}
