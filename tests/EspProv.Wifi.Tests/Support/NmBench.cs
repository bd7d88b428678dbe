namespace EspProv.Wifi.Tests.Support;

/// <summary>
/// A private bus with a fake NetworkManager on it; skips the test (visibly) only when dbus-daemon cannot run, and
/// fails it instead under CI (<see cref="EnvironmentSkip"/>).
/// </summary>
internal sealed class NmBench : IAsyncDisposable
{
    private NmBench(PrivateBus bus, FakeNetworkManager? networkManager)
    {
        Bus = bus;
        NetworkManager = networkManager!;
    }

    public PrivateBus Bus { get; }

    public FakeNetworkManager NetworkManager { get; }

    public static async Task<NmBench> StartAsync(bool withNetworkManager = true)
    {
        var (bus, failure) = await PrivateBus.TryStartAsync();
        if (bus is null)
        {
            EnvironmentSkip.Skip($"No private D-Bus for the NetworkManager bench: {failure}");
        }

        return new NmBench(bus, withNetworkManager ? await FakeNetworkManager.StartAsync(bus.Address) : null);
    }

    /// <summary>For the CLI as a child process: its system bus is this bench's private bus; stdin is closed.</summary>
    public CliOptions CliOptions => new()
    {
        Environment = new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = Bus.Address },
        Stdin = string.Empty,
    };

    /// <summary>A join request for the library, on this bench's bus, with short waits.</summary>
    public SoftApJoinRequest Join(string ssid, string? password = null) => new()
    {
        Ssid = ssid,
        Password = password,
        BusAddress = Bus.Address,
        ScanTimeout = TimeSpan.FromSeconds(5),
        JoinTimeout = TimeSpan.FromSeconds(10),
        RestoreTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The home network is back, fully up, and no temporary profile is left behind.</summary>
    public void AssertRestored()
    {
        Assert.Equal(FakeNetworkManager.HomeSsid, NetworkManager.ActiveProfileId);
        Assert.Equal([FakeNetworkManager.HomeSsid], NetworkManager.ProfileIds);
    }

    public async ValueTask DisposeAsync()
    {
        if (NetworkManager is not null)
        {
            await NetworkManager.DisposeAsync();
        }

        Bus.Dispose();
    }
}
