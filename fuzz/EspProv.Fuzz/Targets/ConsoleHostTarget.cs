using System.Text;
using EspProv.Simulator;
using EspProv.Simulator.Hosts.Console;

namespace EspProv.Fuzz.Targets;

/// <summary><see cref="ConsoleDeviceHost.HandleLineAsync"/> on a security 0 device: each input line is one console command.</summary>
public static class ConsoleHostTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = EspProv.Security.SecurityVersion.Sec0, NoAutoStop = true }, new CountingRandom());
        var host = new ConsoleDeviceHost(device, TextReader.Null, TextWriter.Null);
        foreach (var line in Encoding.Latin1.GetString(data).Split('\n').Take(16))
        {
            _ = host.HandleLineAsync(line).GetAwaiter().GetResult();
        }
    }
}
