using EspProv.Security;

namespace EspProv.Fuzz.Targets;

/// <summary>The fuzz targets by name (the folder names under fuzz/corpus/).</summary>
public static class FuzzTargets
{
    public delegate void Target(ReadOnlySpan<byte> data);

    public static readonly IReadOnlyDictionary<string, Target> All = new Dictionary<string, Target>
    {
        ["device-info"] = DeviceInfoTarget.Run,
        ["sec0-client"] = data => ClientSecurityTarget.Run(SecurityVersion.Sec0, data),
        ["sec1-client"] = data => ClientSecurityTarget.Run(SecurityVersion.Sec1, data),
        ["sec2-client"] = data => ClientSecurityTarget.Run(SecurityVersion.Sec2, data),
        ["client-flow"] = ClientFlowTarget.Run,
        ["console-transport"] = ConsoleTransportTarget.Run,
        ["http-response"] = HttpResponseTarget.Run,
        ["sim-endpoints"] = SimulatorEndpointTarget.Run,
        ["sim-session-sec1"] = data => SimulatorSessionTarget.Run(SecurityVersion.Sec1, data),
        ["sim-session-sec2"] = data => SimulatorSessionTarget.Run(SecurityVersion.Sec2, data),
        ["console-host"] = ConsoleHostTarget.Run,
    };
}
