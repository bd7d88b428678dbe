using System.Diagnostics;
using EspProv.Flows;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Http;

namespace EspProv.Benchmarks;

/// <summary>
/// Security 2 sessions per second that the HTTP simulator completes on loopback: one client per
/// device, each opening a connection, reading proto-ver and running the SRP6a handshake, again and
/// again until the time is up (bounded also to 100,000 sessions). The clients run in this process,
/// so the figure includes their CPU: it is what one machine sustains for both sides.
/// </summary>
internal static class SimulatorThroughput
{
    public static async Task<int> RunAsync(TimeSpan duration, int devices)
    {
        var options = new DeviceOptions { Security = SecurityVersion.Sec2, NoAutoStop = true, ServiceName = "BENCH" };
        await using var host = await SimulatorHost.StartAsync(options, new SimulatorHostOptions { Count = devices, Port = 0 }, TextWriter.Null);
        return await RunAsync(duration, host.HttpHosts.Select(h => h.Port).ToArray());
    }

    /// <summary>The same against devices on these loopback ports, served by this process or another one.</summary>
    public static async Task<int> RunAsync(TimeSpan duration, int[] ports)
    {
        var devices = ports.Length;
        var sessions = 0;
        var failures = 0;
        using var stop = new CancellationTokenSource(duration);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var workers = ports.Select(async port =>
        {
            var address = HttpServiceAddress.Parse($"127.0.0.1:{port}");
            while (!stop.IsCancellationRequested && Volatile.Read(ref sessions) < 100_000)
            {
                try
                {
                    await using var transport = new HttpTransport(new HttpTransportOptions { Address = address, Timeout = TimeSpan.FromSeconds(30) });
                    await using var client = new ProvisioningClient(transport, ownsTransport: false);
                    await client.GetDeviceInfoAsync();
                    await client.EstablishSessionAsync(new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray()));
                    Interlocked.Increment(ref sessions);
                }
                catch (Errors.ProvException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        // Whether the run was CPU-bound: this process's share of all cores, and the machine's load (other processes count there).
        var utilisation = cpuSeconds / (stopwatch.Elapsed.TotalSeconds * Environment.ProcessorCount);
        var load = FleetLoad.LoadAverage();
        Console.WriteLine($"sec2 sessions: {sessions} in {stopwatch.Elapsed.TotalSeconds:0.00} s with {devices} devices = {sessions / stopwatch.Elapsed.TotalSeconds:0.0}/s; failures {failures}; CPU {cpuSeconds:0.0} s ({cpuSeconds / Math.Max(1, sessions) * 1000:0.0} ms per session in this process), {utilisation:P0} of {Environment.ProcessorCount} cores; 1-minute load average {load}");
        return failures == 0 ? 0 : 1;
    }
}
