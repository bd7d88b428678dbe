using System.Globalization;

namespace EspProv.Model;

/// <summary>BSSIDs and MAC addresses as people write them.</summary>
internal static class MacAddressText
{
    /// <summary><c>aa:bb:cc:dd:ee:ff</c>, lowercase.</summary>
    public static string Format(ReadOnlySpan<byte> address)
    {
        var parts = new string[address.Length];
        for (var i = 0; i < address.Length; i++)
        {
            parts[i] = address[i].ToString("x2", CultureInfo.InvariantCulture);
        }

        return string.Join(':', parts);
    }
}
