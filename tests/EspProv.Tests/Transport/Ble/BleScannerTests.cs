using EspProv.Errors;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

public sealed class BleScannerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Lists_devices_with_the_prefix_strongest_first_with_the_latest_rssi()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_FAR", "24:0A:C4:00:00:02") { Rssi = -75 });
        central.Add(new FakePeripheral("PROV_NEAR", "24:0A:C4:00:00:01") { FirstRssi = -90, Rssi = -40 });
        central.Add(new FakePeripheral("Headphones", "24:0A:C4:00:00:03") { Rssi = -30 });

        var found = await BleScanner.DiscoverAsync(central, new BleDeviceFilter { NamePrefix = "PROV_" }, Window, TestContext.Current.CancellationToken);

        Assert.Equal(["PROV_NEAR", "PROV_FAR"], found.Select(d => d.Name));
        Assert.Equal((short)-40, found[0].Rssi);
        Assert.Equal([BleUuids.ExampleService], found[0].ServiceUuids);
        Assert.False(central.Scanning);
    }

    [Fact]
    public async Task Name_and_service_uuid_heard_in_separate_reports_are_merged()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_WIN") { SplitScanResponse = true });

        var found = await BleScanner.DiscoverAsync(central, new BleDeviceFilter { NamePrefix = "PROV_", ServiceUuid = BleUuids.ExampleService }, Window, TestContext.Current.CancellationToken);
        var named = await BleScanner.FindAsync(central, new BleDeviceFilter { Name = "PROV_WIN", ServiceUuid = BleUuids.ExampleService }, Window, TestContext.Current.CancellationToken);

        var device = Assert.Single(found);
        Assert.Equal("PROV_WIN", device.Name);
        Assert.Equal([BleUuids.ExampleService], device.ServiceUuids);
        Assert.NotNull(named);
    }

    [Fact]
    public async Task Service_uuid_filter_is_passed_to_the_platform_normalized_and_applied()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_A", "24:0A:C4:00:00:01"));
        central.Add(new FakePeripheral("PROV_B", "24:0A:C4:00:00:02") { ServiceUuid = BleUuids.DefaultService });

        var found = await BleScanner.DiscoverAsync(central, new BleDeviceFilter { ServiceUuid = BleUuids.DefaultService.ToUpperInvariant() }, Window, TestContext.Current.CancellationToken);

        Assert.Equal("PROV_B", Assert.Single(found).Name);
        Assert.Equal(BleUuids.DefaultService, central.LastServiceUuidHint);
    }

    [Fact]
    public async Task Find_returns_the_first_match_and_null_when_nothing_matches()
    {
        using var central = new FakeBleCentral();
        central.Add(new FakePeripheral("PROV_X", "24:0A:C4:00:00:07"));

        var byAddress = await BleScanner.FindAsync(central, new BleDeviceFilter { Address = "24:0a:c4:00:00:07" }, Window, TestContext.Current.CancellationToken);
        var missing = await BleScanner.FindAsync(central, new BleDeviceFilter { Name = "PROV_Y" }, Window, TestContext.Current.CancellationToken);

        Assert.Equal("PROV_X", byAddress?.Name);
        Assert.Null(missing);
        Assert.False(central.Scanning);
    }

    [Fact]
    public async Task An_unusable_platform_is_reported_as_unavailable()
    {
        using var central = new FakeBleCentral { Unavailable = new BleUnavailableException(BleUnavailableReason.AdapterOff, "Bluetooth LE is unavailable: the radio is off.") };

        var error = await Assert.ThrowsAsync<BleUnavailableException>(() => BleScanner.DiscoverAsync(central, new BleDeviceFilter(), Window, TestContext.Current.CancellationToken));

        Assert.Equal(BleUnavailableReason.AdapterOff, error.Reason);
    }

    [Fact]
    public async Task A_platform_error_when_starting_the_scan_is_a_transport_error()
    {
        var central = new ThrowingCentral(new BleGattException(BleGattError.Failed, "Operation already in progress (org.bluez.Error.InProgress)"));

        var error = await Assert.ThrowsAsync<TransportException>(() => BleScanner.DiscoverAsync(central, new BleDeviceFilter(), Window, TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.IoError, error.Failure);
        Assert.Contains("InProgress", error.Message);
    }

    private sealed class ThrowingCentral(Exception error) : IBleCentral
    {
        public string Name => "broken0";

        public Task<IBleScan> StartScanAsync(string? serviceUuid, CancellationToken cancellationToken) => Task.FromException<IBleScan>(error);

        public Task<IBlePeripheralLink> ConnectAsync(BleDeviceInfo device, CancellationToken cancellationToken) => Task.FromException<IBlePeripheralLink>(error);

        public Task<bool?> IsBondedAsync(BleDeviceInfo device, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);

        public Task ForgetAsync(BleDeviceInfo device, CancellationToken cancellationToken) => Task.CompletedTask;

        public string RemoveBondHint(BleDeviceInfo device) => string.Empty;
    }
}
