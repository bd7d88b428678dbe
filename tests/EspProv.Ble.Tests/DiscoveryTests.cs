using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Errors;
using EspProv.Security;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Lists_devices_with_the_prefix_strongest_first_with_the_latest_rssi()
    {
        await using var bench = await Bench.StartAsync();
        var near = bench.AddDevice("PROV_NEAR", SecurityVersion.Sec0, address: "24:0A:C4:00:00:01");
        near.FirstRssi = -90;
        near.Rssi = -40;
        bench.AddDevice("PROV_FAR", SecurityVersion.Sec0, address: "24:0A:C4:00:00:02").Rssi = -75;
        bench.AddDevice("Headphones", SecurityVersion.Sec0, address: "24:0A:C4:00:00:03");

        var found = await BleDiscovery.DiscoverAsync(
            new BleDiscoveryOptions { BusAddress = bench.Bus.Address, ScanTime = TimeSpan.FromMilliseconds(300) },
            TestContext.Current.CancellationToken);

        Assert.Equal(["PROV_NEAR", "PROV_FAR"], found.Select(d => d.Name));
        Assert.Equal((short)-40, found[0].Rssi);
        Assert.Equal("24:0A:C4:00:00:01", found[0].Address);
        Assert.Equal([BleUuids.ExampleService], found[0].ServiceUuids);
        Assert.False(bench.BlueZ.Discovering);
    }

    [Fact]
    public async Task Service_uuid_filter_is_passed_to_bluez_and_applied()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_A", SecurityVersion.Sec0, address: "24:0A:C4:00:00:01");
        bench.AddDevice("PROV_B", SecurityVersion.Sec0, address: "24:0A:C4:00:00:02", serviceUuid: BleUuids.DefaultService);

        var found = await BleDiscovery.DiscoverAsync(
            new BleDiscoveryOptions
            {
                BusAddress = bench.Bus.Address,
                ScanTime = TimeSpan.FromMilliseconds(300),
                Filter = new BleDeviceFilter { ServiceUuid = BleUuids.DefaultService },
            },
            TestContext.Current.CancellationToken);

        Assert.Equal("PROV_B", Assert.Single(found).Name);
        Assert.Equal([BleUuids.DefaultService], bench.BlueZ.LastDiscoveryFilter!["UUIDs"].GetArray<string>());
        Assert.Equal("le", bench.BlueZ.LastDiscoveryFilter["Transport"].GetString());
    }

    [Fact]
    public async Task Find_returns_as_soon_as_the_named_device_is_heard()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_X", SecurityVersion.Sec0);

        var device = await BleDiscovery.FindAsync(new BleDeviceFilter { Name = "PROV_X" }, Bench.Patience, busAddress: bench.Bus.Address, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(device);
        Assert.Equal("/org/bluez/hci0/dev_24_0A_C4_00_00_01", device.ObjectPath);
    }

    [Fact]
    public async Task No_bluez_on_the_bus_is_reported_as_unavailable()
    {
        await using var bench = await Bench.StartAsync(withBlueZ: false);

        var error = await Assert.ThrowsAsync<BleUnavailableException>(() =>
            BleDiscovery.DiscoverAsync(new BleDiscoveryOptions { BusAddress = bench.Bus.Address }, TestContext.Current.CancellationToken));

        Assert.Equal(BleUnavailableReason.NoBlueZ, error.Reason);
    }

    [Fact]
    public async Task No_bus_is_reported_as_unavailable()
    {
        var error = await Assert.ThrowsAsync<BleUnavailableException>(() =>
            BleDiscovery.DiscoverAsync(new BleDiscoveryOptions { BusAddress = "unix:path=/nonexistent/espprov-test-bus" }, TestContext.Current.CancellationToken));

        Assert.Equal(BleUnavailableReason.NoBus, error.Reason);
    }

    [Fact]
    public async Task Missing_and_powered_off_adapters_are_reported_as_unavailable()
    {
        await using var bench = await Bench.StartAsync();

        var missing = await Assert.ThrowsAsync<BleUnavailableException>(() =>
            BleDiscovery.DiscoverAsync(new BleDiscoveryOptions { BusAddress = bench.Bus.Address, Adapter = "hci1" }, TestContext.Current.CancellationToken));
        bench.BlueZ.Powered = false;
        var off = await Assert.ThrowsAsync<BleUnavailableException>(() =>
            BleDiscovery.DiscoverAsync(new BleDiscoveryOptions { BusAddress = bench.Bus.Address }, TestContext.Current.CancellationToken));

        Assert.Equal(BleUnavailableReason.NoAdapter, missing.Reason);
        Assert.Contains("hci0", missing.Message);
        Assert.Equal(BleUnavailableReason.AdapterOff, off.Reason);
    }
}
