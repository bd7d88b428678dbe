using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Fuzz.Targets;

/// <summary>
/// prov-session on a security 1 or 2 simulated device with arbitrary bytes (up to three handshake
/// messages), then one encrypted prov-config request, in a fresh session each run.
/// </summary>
public static class SimulatorSessionTarget
{
    // Built once: a security 2 device computes its verifier at construction (a 3072-bit modexp).
    private static readonly Lazy<SimulatedDevice> Sec1 = new(() => new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1, NoAutoStop = true }, new CountingRandom()));
    private static readonly Lazy<SimulatedDevice> Sec2 = new(() => new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec2, NoAutoStop = true }, new CountingRandom()));
    private static uint _session;

    public static void Run(SecurityVersion version, ReadOnlySpan<byte> data)
    {
        var device = version == SecurityVersion.Sec1 ? Sec1.Value : Sec2.Value;
        var session = ++_session;
        device.OpenSessionAsync(session).GetAwaiter().GetResult();
        var messages = Chunks.Split(data, max: 4);
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                _ = device.HandleAsync(i < 3 ? "prov-session" : "prov-config", session, messages[i]).GetAwaiter().GetResult();
            }
            catch (DeviceRequestFailedException)
            {
            }
        }
    }
}
