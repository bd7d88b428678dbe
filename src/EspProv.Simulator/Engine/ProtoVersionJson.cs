using System.Globalization;
using System.Text;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>
/// Builds the proto-ver reply exactly as ESP-IDF's <c>cJSON_Print</c> formats it (spec section 4.1):
/// tab indentation, <c>"key":\tvalue</c>, arrays inline with <c>", "</c>. Clients parse it, but the
/// fixtures compare bytes, so the layout is reproduced rather than approximated.
/// </summary>
internal static class ProtoVersionJson
{
    public static byte[] Build(DeviceOptions options)
    {
        var json = new StringBuilder("{\n");
        foreach (var app in options.AppInfo)
        {
            json.Append('\t').Append(Quote(app.Label)).Append(":\t{\n");
            json.Append("\t\t\"ver\":\t").Append(Quote(app.Version)).Append(",\n");
            json.Append("\t\t\"cap\":\t").Append(Array(app.Capabilities)).Append('\n');
            json.Append("\t},\n");
        }

        json.Append("\t\"prov\":\t{\n");
        json.Append("\t\t\"ver\":\t").Append(Quote(options.Flavour == DeviceFlavour.WifiProv ? "v1.1" : "netprov-v1.2")).Append(",\n");
        json.Append("\t\t\"sec_ver\":\t").Append(options.Security.Number.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        var patch = options.Security == SecurityVersion.Sec2 ? options.Sec2PatchLevel : 0;
        json.Append("\t\t\"sec_patch_ver\":\t").Append(patch.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("\t\t\"cap\":\t").Append(Array(Capabilities(options))).Append('\n');
        json.Append("\t}\n}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>The <c>prov.cap</c> array: the security capability first, then the flavour's own.</summary>
    public static IReadOnlyList<string> Capabilities(DeviceOptions options)
    {
        var caps = new List<string>();
        if (options.Security == SecurityVersion.Sec0)
        {
            caps.Add("no_sec");
        }
        else if (options.RunsWithoutPop)
        {
            caps.Add("no_pop");
        }

        switch (options.Flavour)
        {
            case DeviceFlavour.WifiProv:
                caps.Add("wifi_scan");
                break;
            case DeviceFlavour.NetworkProvWifi:
                caps.Add("wifi_prov");
                caps.Add("wifi_scan");
                break;
            case DeviceFlavour.NetworkProvThread:
                caps.Add("thread_prov");
                caps.Add("thread_scan");
                break;
        }

        return caps;
    }

    private static string Array(IReadOnlyList<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    // cJSON's print_string_ptr: short escapes for the usual controls, \u00XX for the rest, UTF-8 passes through.
    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }
}
