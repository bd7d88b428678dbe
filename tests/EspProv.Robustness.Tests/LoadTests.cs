using System.Diagnostics;
using EspProv.Flows;
using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Http;

namespace EspProv.Robustness.Tests;

/// <summary>Load on loopback only, bounded in count and time.</summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_devices_provisioned_concurrently_over_http_with_sec2()
    {
        const int count = 50;
        using var bound = Ct.Bounded(90);
        await using var simulator = await SimulatorHost.StartAsync(
            Scenarios.Device(SecurityVersion.Sec2) with { ServiceName = "LOAD" },
            new SimulatorHostOptions { Count = count, Port = 0 },
            TextWriter.Null,
            bound.Token);
        Assert.Equal(count, simulator.HttpHosts.Count);
        var stopwatch = Stopwatch.StartNew();
        var runs = simulator.HttpHosts.Select(async (host, i) =>
        {
            await using var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse($"127.0.0.1:{host.Port}"), Timeout = TimeSpan.FromSeconds(60) });
            await using var client = new ProvisioningClient(transport, ownsTransport: false);
            var request = Scenarios.Request() with { Passphrase = $"passphrase-{i}" };
            var result = await new Provisioner(client).ProvisionAsync(Scenarios.Session(SecurityVersion.Sec2), request with { Polling = request.Polling with { Timeout = TimeSpan.FromSeconds(60) } }, bound.Token);
            Assert.NotNull(result.Wifi);
        }).ToArray();
        await Task.WhenAll(runs);
        stopwatch.Stop();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"passphrase-{i}", simulator.Devices[i].Snapshot.AppliedCredentials?.PassphraseText);
        }

        output.WriteLine($"{count} concurrent sec2 provisionings in {stopwatch.Elapsed.TotalSeconds:0.00} s ({count / stopwatch.Elapsed.TotalSeconds:0.0}/s) on {Environment.ProcessorCount} cores");
    }

    [Fact]
    public async Task A_hostile_storm_neither_stops_the_device_nor_the_good_client_nor_grows_memory()
    {
        const int storm = 300;
        using var bound = Ct.Bounded(60);
        await using var simulator = await SimulatorFixture.StartAsync(Scenarios.Device(SecurityVersion.Sec2));

        // Warm up (JIT, Kestrel pools) before the first measurement.
        await StormAsync(simulator.Port, 60, null, bound.Token);
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;

        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = Stopwatch.StartNew();
        var hostile = StormAsync(simulator.Port, storm, halfway, bound.Token);
        await halfway.Task.WaitAsync(bound.Token);
        await using (var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse($"127.0.0.1:{simulator.Port}"), Timeout = TimeSpan.FromSeconds(20) }))
        await using (var client = new ProvisioningClient(transport, ownsTransport: false))
        {
            var result = await new Provisioner(client).ProvisionAsync(Scenarios.Session(SecurityVersion.Sec2), Scenarios.Request(), bound.Token);
            Assert.NotNull(result.Wifi);
        }

        await hostile;
        stopwatch.Stop();
        Assert.Equal(Scenarios.Passphrase, simulator.Device.Snapshot.AppliedCredentials?.PassphraseText);

        // Still serving after the storm.
        await using (var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse($"127.0.0.1:{simulator.Port}"), Timeout = TimeSpan.FromSeconds(5) }))
        await using (var client = new ProvisioningClient(transport, ownsTransport: false))
        {
            var info = await client.GetDeviceInfoAsync(cancellationToken: bound.Token);
            Assert.True(info.IsJson);
        }

        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;
        output.WriteLine($"storm of {storm} in {stopwatch.Elapsed.TotalSeconds:0.00} s; managed heap {managedBefore / 1024} KiB -> {managedAfter / 1024} KiB; working set {workingSetBefore / (1 << 20)} MiB -> {workingSetAfter / (1 << 20)} MiB");
        Assert.InRange(managedAfter - managedBefore, long.MinValue, 16L << 20);
        Assert.InRange(workingSetAfter - workingSetBefore, long.MinValue, 128L << 20);
    }

    private static async Task StormAsync(int port, int count, TaskCompletionSource? halfway, CancellationToken cancellationToken)
    {
        const int parallel = 8;
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await HostileClient.RunAsync(port, i % HostileClient.Kinds, cancellationToken);
                if (Interlocked.Increment(ref done) == count / 3)
                {
                    halfway?.TrySetResult();
                }
            }
        });
        await Task.WhenAll(workers);
        halfway?.TrySetResult();
    }
}
