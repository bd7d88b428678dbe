using System.Globalization;
using System.Text;
using System.Text.Json;
using EspProv.Model;
using EspProv.Protocol.WifiProv;

namespace EspProv.Simulator;

/// <summary>
/// Loads an AP list (<c>--ap-list FILE</c>): a JSON array of
/// <c>{"ssid": "…", "bssid": "02:00:5e:10:00:01", "channel": 6, "rssi": -38, "auth": 3}</c>, where
/// <c>auth</c> is the raw number or a name such as <c>"WPA2_PSK"</c>. Parsed with <see cref="JsonDocument"/>,
/// so no reflection is involved.
/// </summary>
public static class AccessPointList
{
    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a valid AP list.</exception>
    public static IReadOnlyList<WifiAccessPoint> Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses the JSON text of an AP list.</summary>
    /// <exception cref="FormatException">The text is not a valid AP list.</exception>
    public static IReadOnlyList<WifiAccessPoint> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The AP list must be a JSON array.");
            }

            return document.RootElement.EnumerateArray().Select((item, index) => ParseEntry(item, index)).ToArray();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The AP list is not valid JSON: {ex.Message}", ex);
        }
    }

    private static WifiAccessPoint ParseEntry(JsonElement item, int index)
    {
        string Where(string field) => $"AP list entry {index}: '{field}'";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"AP list entry {index} is not an object.");
        }

        var ssid = item.TryGetProperty("ssid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new FormatException(Where("ssid") + " is missing.");
        if (Encoding.UTF8.GetByteCount(ssid) > 32)
        {
            throw new FormatException(Where("ssid") + " is longer than 32 bytes.");
        }

        var bssidText = item.TryGetProperty("bssid", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : throw new FormatException(Where("bssid") + " is missing.");
        byte[] bssid;
        try
        {
            bssid = Convert.FromHexString(bssidText.Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal));
        }
        catch (FormatException ex)
        {
            throw new FormatException(Where("bssid") + " is not hex.", ex);
        }

        if (bssid.Length != 6)
        {
            throw new FormatException(Where("bssid") + " must be 6 bytes.");
        }

        var channel = Int(item, "channel", 1, Where);
        var rssi = Int(item, "rssi", -50, Where);
        WifiAuthMode auth;
        if (item.TryGetProperty("auth", out var a) && a.ValueKind == JsonValueKind.String)
        {
            if (!AuthModeNames.TryParse(a.GetString()!, out auth))
            {
                auth = int.TryParse(a.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    ? (WifiAuthMode)number
                    : throw new FormatException(Where("auth") + $" must be a number or one of {string.Join(", ", AuthModeNames.All.Select(n => n.ToUpperInvariant()))}.");
            }
        }
        else
        {
            auth = (WifiAuthMode)Int(item, "auth", 0, Where);
        }

        return new WifiAccessPoint(Encoding.UTF8.GetBytes(ssid), bssid, channel, rssi, auth);
    }

    private static int Int(JsonElement item, string name, int fallback, Func<string, string> where)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new FormatException(where(name) + " must be an integer.");
    }
}
