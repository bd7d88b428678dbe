using System.Globalization;
using EspProv.Flows;

namespace EspProv.Cli.Output;

/// <summary>
/// The names <c>--json</c> gives the library's events (README, "JSON output"): the <c>stage</c> of a
/// <c>progress</c> event and its string <c>fields</c>, and the <c>code</c> of a <c>warning</c>.
/// </summary>
internal static class EventNames
{
    public static (string Stage, IReadOnlyDictionary<string, string>? Fields) Progress(ProvisioningEvent progress) => progress switch
    {
        DeviceInfoRead e => ("device_info", new Dictionary<string, string> { ["version"] = e.Device.Version ?? e.Device.Raw, ["capabilities"] = string.Join(',', e.Device.Capabilities) }),
        SecuritySelected e => ("security_selected", new Dictionary<string, string> { ["sec_ver"] = Number((int)e.Security) }),
        VersionVerified => ("version_verified", null),
        SessionEstablished => ("session_established", null),
        EndpointAnswered e => ("custom_data", new Dictionary<string, string> { ["response_hex"] = Convert.ToHexStringLower(e.Response) }),
        ScanCompleted e => ("scanned", new Dictionary<string, string> { ["count"] = Number(e.Count) }),
        ScanCapped => ("scanned", null),
        ConfigSent { Ssid: { } ssid } => ("config_sent", new Dictionary<string, string> { ["ssid"] = SsidCodec.ToText(ssid) }),
        ConfigSent => ("config_sent", null),
        ConfigApplied => ("config_applied", null),
        StatusPolled e => ("status", e.AttemptsRemaining is { } left
            ? new Dictionary<string, string> { ["state"] = State(e.State), ["attempts_remaining"] = Number(left) }
            : new Dictionary<string, string> { ["state"] = State(e.State) }),
        Retrying => ("retrying", null),
        ControlDone => ("control", null),
        NetworkJoined { Wifi: { } wifi } => ("done", new Dictionary<string, string> { ["ip4"] = wifi.Ip4 }),
        NetworkJoined => ("done", null),
        _ => (progress.GetType().Name.ToLowerInvariant(), null),
    };

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

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
