using System.Diagnostics;
using EspProv.Flows;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Http;

namespace EspProv.Benchmarks;

/// <summary>
/// The in-process load generator: starts <c>devices</c> simulated sec2 devices over loopback HTTP (one server, a
/// listener each) and provisions every one of them completely (proto-ver, SRP6a handshake, Wi-Fi config, apply,
/// status polls with the CLI's defaults until Connected), at most <c>concurrency</c> at a time. Prints one line:
/// wall time, CPU of the process (both sides), peak RSS and failures; exits 1 on any failure. Bounded: every
/// provisioning has a 60 s timeout and the whole run 300 s.
/// </summary>
internal static class FleetLoad
{
    public static async Task<int> RunAsync(int devices, int concurrency)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var options = new DeviceOptions { Security = SecurityVersion.Sec2, ConnectAfterPolls = 1, ServiceName = "FLEET" };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await using var host = await SimulatorHost.StartAsync(options, new SimulatorHostOptions { Count = devices, Port = 0 }, TextWriter.Null, bound.Token);
        var started = stopwatch.Elapsed;
        var failures = 0;
        using var slots = new SemaphoreSlim(concurrency);
        var runs = host.HttpHosts.Select(async (device, i) =>
        {
            await slots.WaitAsync(bound.Token);
            try
            {
                await using var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse($"127.0.0.1:{device.Port}"), Timeout = TimeSpan.FromSeconds(60) });
                await using var client = new ProvisioningClient(transport, ownsTransport: false);
                var request = new ProvisioningRequest
                {
                    Ssid = "FleetNet"u8.ToArray(),
                    Passphrase = $"fleet-passphrase-{i}",
                    Polling = new StatusPolling { Timeout = TimeSpan.FromSeconds(60) },
                };
                var session = new SessionRequest { Security = SecurityVersion.Sec2, Sec2Username = "wifiprov", Sec2Password = "abcd1234" };
                var result = await new Provisioner(client).ProvisionAsync(session, request, bound.Token);
                if (result.Wifi is null || host.Devices[i].Snapshot.AppliedCredentials?.PassphraseText != request.Passphrase)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Errors.ProvException)
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();
        await Task.WhenAll(runs);
        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"fleet {devices} devices: wall {stopwatch.Elapsed.TotalSeconds:0.00} s (start-up {started.TotalSeconds:0.00} s), CPU {cpuSeconds:0.0} s, peak RSS {PeakRssMiB()} MiB, failures {failures}, at most {concurrency} at a time, 1-minute load average {LoadAverage()}");
        return failures == 0 ? 0 : 1;
    }

    private static string PeakRssMiB() =>
        File.Exists("/proc/self/status")
            ? (long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "n/a";

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
