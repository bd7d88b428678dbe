using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Hosts;

/// <summary>
/// A fleet shares one server: a socket per device, nothing that watches files, each request to its own device.
/// Not run in parallel with other tests: it counts the process's file descriptors, which they open and close too.
/// </summary>
[Collection(nameof(HttpFleetTests))]
public sealed class HttpFleetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] OpenDescriptors() =>
        Directory.GetFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget ?? string.Empty).ToArray();

    [Fact]
    public async Task Three_hundred_devices_take_one_socket_each_and_no_inotify_instance()
    {
        EnvironmentSkip.SkipUnless(OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd"), "counts file descriptors through /proc");
        const int count = 300;
        // The first server loads Kestrel's assemblies, each an open file: load them before counting.
        await (await SimulatorHost.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 }, new SimulatorHostOptions { Port = 0 }, TextWriter.Null, Ct)).DisposeAsync();
        var before = OpenDescriptors();
        await using var simulator = await SimulatorHost.StartAsync(
            new DeviceOptions { Security = SecurityVersion.Sec0 },
            new SimulatorHostOptions { Port = 0, Count = count },
            TextWriter.Null,
            Ct);
        var after = OpenDescriptors();

        Assert.Equal(count, simulator.HttpHosts.Count);
        Assert.Equal(before.Count(t => t.Contains("inotify", StringComparison.Ordinal)), after.Count(t => t.Contains("inotify", StringComparison.Ordinal)));
        // One listening socket per device, plus the server's few shared descriptors (epoll, event pipes); the slack
        // below allows for descriptors of earlier tests that their finalizers close meanwhile.
        Assert.InRange(after.Length - before.Length, count - 16, count + 16);
        Assert.Equal(count, simulator.HttpHosts.Select(h => h.Port).Distinct().Count());
    }

    [Fact]
    public async Task Each_listener_serves_its_own_device()
    {
        await using var simulator = await SimulatorHost.StartAsync(
            new DeviceOptions { Security = SecurityVersion.Sec0 },
            new SimulatorHostOptions { Port = 0, Count = 5 },
            TextWriter.Null,
            Ct);
        var handled = new int[5];
        for (var i = 0; i < 5; i++)
        {
            var index = i;
            simulator.Devices[i].RequestHandled += (_, _) => Interlocked.Increment(ref handled[index]);
        }

        foreach (var (device, requests) in new[] { (4, 1), (0, 2), (2, 3) })
        {
            await using var connection = await RawHttpConnection.OpenAsync(simulator.HttpHosts[device].Port);
            for (var r = 0; r < requests; r++)
            {
                Assert.Equal(200, (await connection.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray()))?.Status);
            }
        }

        Assert.Equal([2, 0, 3, 0, 1], handled);
    }
}

/// <summary>Runs <see cref="HttpFleetTests"/> alone.</summary>
[CollectionDefinition(nameof(HttpFleetTests), DisableParallelization = true)]
public sealed class HttpFleetTestsCollection;
