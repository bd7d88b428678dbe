using EspProv.Simulator;

namespace EspProv.Fuzz.Targets;

/// <summary>
/// The simulator engine's request paths: a security 0 device (so request endpoints need no session) of
/// the flavour picked by the first byte; each further message picks an endpoint with its first byte and
/// carries the request bytes. Refusals are <see cref="DeviceRequestFailedException"/>; nothing else may escape.
/// </summary>
public static class SimulatorEndpointTarget
{
    private static readonly string[] Endpoints = ["proto-ver", "prov-session", "prov-config", "prov-scan", "prov-ctrl", "custom-data", "no-such-endpoint"];

    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var flavour = (DeviceFlavour)(data[0] % 3);
        var options = new DeviceOptions
        {
            Security = EspProv.Security.SecurityVersion.Sec0,
            Flavour = flavour,
            NoAutoStop = (data[0] & 0x10) != 0,
            ConnectAfterPolls = 1,
            CleanupDelay = TimeSpan.Zero,
            Fail = (data[0] & 0x20) == 0 ? FailureMode.None : flavour == DeviceFlavour.NetworkProvThread ? FailureMode.DatasetInvalid : FailureMode.Auth,
        };
        using var device = new SimulatedDevice(options, new CountingRandom());
        device.OpenSessionAsync(1).GetAwaiter().GetResult();
        foreach (var message in Chunks.Split(data[1..]))
        {
            if (message.Length == 0)
            {
                continue;
            }

            try
            {
                _ = device.HandleAsync(Endpoints[message[0] % Endpoints.Length], 1, message.AsMemory(1)).GetAwaiter().GetResult();
            }
            catch (DeviceRequestFailedException)
            {
            }
        }

        _ = device.Snapshot;
    }
}
