using System.Text.Json;
using EspProv.Wifi.NetworkManager;

namespace EspProv.Cli.Output;

/// <summary>The <c>--json</c> stages of joining the device's softAP and restoring the host's network (README, "softAP").</summary>
internal static class SoftApEventNames
{
    /// <summary>The warning code of a restore that did not bring the previous connection back.</summary>
    public const string RestoreFailed = "softap_restore_failed";

    public static (string Stage, Action<Utf8JsonWriter> Fields) Progress(SoftApEvent step) => step switch
    {
        WifiDeviceSelected e => ("softap_wifi_device", w =>
        {
            w.WriteString("interface", e.Interface);
            w.WriteString("previous", e.PreviousConnection);
        }),
        AccessPointScanRequested e => ("softap_scanning", w => w.WriteString("ssid", e.Ssid)),
        AccessPointJoining e => ("softap_joining", w =>
        {
            w.WriteString("ssid", e.Ssid);
            w.WriteNumber("signal", e.Strength);
        }),
        AccessPointJoined e => ("softap_joined", w => Joined(w, e.Ssid, e.Interface, e.Gateway)),
        AccessPointAlreadyJoined e => ("softap_already_joined", w => Joined(w, e.Ssid, e.Interface, e.Gateway)),
        AccessPointLeft e => ("softap_left", w => w.WriteString("ssid", e.Ssid)),
        ConnectionRestored e => ("softap_restored", w => w.WriteString("connection", e.Connection)),
        _ => (JsonNamingPolicy.SnakeCaseLower.ConvertName(step.GetType().Name), static _ => { }),
    };

    /// <summary>One object per access point of <c>discover --softap</c>.</summary>
    public static void AccessPoint(Utf8JsonWriter w, SoftApInfo ap)
    {
        w.WriteString("ssid", ap.Ssid);
        w.WriteString("bssid", ap.Bssid);
        w.WriteNumber("signal", ap.Strength);
        w.WriteString("security", ap.Security);
        w.WriteNumber("frequency", ap.FrequencyMhz);
    }

    private static void Joined(Utf8JsonWriter w, string ssid, string wifiInterface, System.Net.IPAddress gateway)
    {
        w.WriteString("ssid", ssid);
        w.WriteString("interface", wifiInterface);
        w.WriteString("address", gateway.ToString());
    }
}
