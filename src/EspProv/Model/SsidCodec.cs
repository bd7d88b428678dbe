using System.Text;

namespace EspProv.Model;

/// <summary>Turns SSID bytes into text.</summary>
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
