using System.Text.Json;
using EspProv.Flows;
using EspProv.Model;

namespace EspProv.Cli.Output;

/// <summary>
/// The names and shapes <c>--json</c> gives the library's events and results (README, "JSON output"):
/// the <c>stage</c> of a <c>progress</c> event and its typed <c>fields</c>, the <c>code</c> of a
/// <c>warning</c>, and the scan lists.
/// </summary>
internal static class EventNames
{
    public static (string Stage, Action<Utf8JsonWriter>? Fields) Progress(ProvisioningEvent progress) => progress switch
    {
        DeviceInfoRead e => ("device_info", w =>
        {
            w.WriteString("version", e.Device.Version ?? e.Device.Raw);
            w.WriteStartArray("capabilities");
            foreach (var capability in e.Device.Capabilities)
            {
                w.WriteStringValue(capability);
            }

            w.WriteEndArray();
        }),
        SecuritySelected e => ("security_selected", w => w.WriteNumber("sec_ver", (int)e.Security)),
        VersionVerified => ("version_verified", null),
        SessionEstablished => ("session_established", null),
        EndpointAnswered e => ("custom_data", w => w.WriteString("response_hex", Convert.ToHexStringLower(e.Response))),
        ScanCompleted e => ("scanned", w =>
        {
            w.WriteNumber("count", e.Count);
            ScanLists(w, e.AccessPoints, e.ThreadNetworks);
        }),
        ScanCapped => ("scanned", null),
        ConfigSent { Ssid: { } ssid } => ("config_sent", w => w.WriteString("ssid", SsidCodec.ToText(ssid))),
        ConfigSent => ("config_sent", null),
        ConfigApplied => ("config_applied", null),
        StatusPolled e => ("status", w =>
        {
            w.WriteString("state", State(e.State));
            if (e.AttemptsRemaining is { } left)
            {
                w.WriteNumber("attempts_remaining", left);
            }
        }),
        Retrying => ("retrying", null),
        ControlDone => ("control", null),
        NetworkJoined { Wifi: { } wifi } => ("done", w => w.WriteString("ip4", wifi.Ip4)),
        NetworkJoined => ("done", null),
        _ => (JsonNamingPolicy.SnakeCaseLower.ConvertName(progress.GetType().Name), null),
    };

    /// <summary>The access points (<c>access_points</c>) or Thread networks (<c>thread_networks</c>) of a scan; nothing for an empty list.</summary>
    public static void ScanLists(Utf8JsonWriter w, IReadOnlyList<WifiAccessPoint> accessPoints, IReadOnlyList<ThreadNetwork> networks)
    {
        if (accessPoints.Count > 0)
        {
            w.WriteStartArray("access_points");
            foreach (var ap in accessPoints)
            {
                w.WriteStartObject();
                w.WriteString("ssid", ap.SsidText);
                w.WriteString("ssid_hex", Convert.ToHexStringLower(ap.Ssid));
                w.WriteString("bssid", ap.BssidText);
                w.WriteNumber("channel", ap.Channel);
                w.WriteNumber("rssi", ap.Rssi);
                w.WriteString("auth", ap.AuthName);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (networks.Count > 0)
        {
            w.WriteStartArray("thread_networks");
            foreach (var n in networks)
            {
                w.WriteStartObject();
                w.WriteString("network_name", n.NetworkName);
                w.WriteNumber("pan_id", n.PanId);
                w.WriteString("ext_pan_id", Convert.ToHexStringLower(n.ExtPanId));
                w.WriteString("ext_address", Convert.ToHexStringLower(n.ExtAddress));
                w.WriteNumber("channel", n.Channel);
                w.WriteNumber("rssi", n.Rssi);
                w.WriteNumber("lqi", n.Lqi);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    public static string Warning(SecurityWarningKind kind) => kind switch
    {
        SecurityWarningKind.NonceReuse => "sec2_nonce_reuse",
        _ => "unauthenticated_session",
    };

    public static string Control(ControlCommand command) => command == ControlCommand.Reset ? "reset" : "reprov";

    private static string State(PollState state) => state switch
    {
        PollState.Connecting => "connecting",
        PollState.Attaching => "attaching",
        PollState.LinkError => "link_error",
        _ => "session_renewed",
    };
}
