using System.Globalization;
using System.Text;

namespace EspProv.Cli.Output;

/// <summary>
/// Makes text that a device (or any access point in radio range) controls safe to print on a terminal:
/// SSIDs, BLE names, proto-ver text, custom-data replies and error messages built from them. An ESC or
/// a C1 CSI could move the cursor, rewrite earlier lines or set the window title; a CR could overwrite
/// the line it is on; bidi overrides could make one name read as another. Each such character is
/// replaced by its visible escape (<c>\x1b</c>, <c>\u202e</c>), so nothing is lost from view. JSON output
/// does not go through here: its encoder escapes controls and keeps every byte.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                builder.Append(c);
            }
            else if (c <= 0xff)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return builder.ToString();
    }

    // C0 controls (tab and newline included: device text is always shown on one line), DEL, C1
    // controls, the Unicode bidi marks, embeddings, overrides and isolates, and the line and paragraph separators.
    private static bool IsUnsafe(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u061c' or '\u200e' or '\u200f' || c is >= '\u2028' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}
