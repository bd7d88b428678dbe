using EspProv.Model;
using System.Text;
using EspProv.Protocol.WifiProv;

namespace EspProv.Flows;

/// <summary>
/// The passphrase rules a device would enforce, checked before anything is sent so that a typo is
/// named here instead of coming back as the device's bare <c>InvalidArgument</c> or a failed attempt.
/// </summary>
public static class WifiPassphrase
{
    /// <summary>Most bytes ESP-IDF's <c>wifi_config_t</c> takes (64 = a raw PSK in hex).</summary>
    public const int MaxLength = 64;

    /// <summary>Fewest characters of a WPA/WPA2/WPA3 passphrase.</summary>
    public const int MinWpaLength = 8;

    /// <summary>Why <paramref name="passphrase"/> cannot work, or null; <paramref name="auth"/> when a scan told the network's security.</summary>
    public static string? Problem(string passphrase, WifiAuthMode? auth = null)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var length = Encoding.UTF8.GetByteCount(passphrase);
        if (length > MaxLength)
        {
            return $"A Wi-Fi passphrase is at most {MaxLength} bytes; this one is {length}.";
        }

        if (length == MaxLength && !passphrase.All(char.IsAsciiHexDigit))
        {
            return $"A {MaxLength}-character passphrase is taken as a raw key and must be hex digits only.";
        }

        // Only the PSK modes take a passphrase of 8..63 characters; unknown modes (OWE, later ones) are left to the device.
        var needsPassphrase = auth is WifiAuthMode.WpaPsk or WifiAuthMode.Wpa2Psk or WifiAuthMode.WpaWpa2Psk or WifiAuthMode.Wpa3Psk or WifiAuthMode.Wpa2Wpa3Psk;
        return needsPassphrase && length < MinWpaLength
            ? $"The network uses {auth}, whose passphrase has at least {MinWpaLength} characters; this one has {length}."
            : null;
    }
}
