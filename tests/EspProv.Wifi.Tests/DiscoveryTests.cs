namespace EspProv.Wifi.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Lists_prefixed_APs_strongest_first_with_security_after_a_scan()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_FAR", strength: 30, bssid: "24:0A:C4:00:00:02");
        bench.NetworkManager.AddAccessPoint("PROV_NEAR", password: "device-key", strength: 90, appearsOnScan: true);

        var aps = await SoftApDiscovery.ScanAsync(new SoftApScanRequest { BusAddress = bench.Bus.Address, ScanTimeout = TimeSpan.FromSeconds(5) }, TestContext.Current.CancellationToken);

        Assert.Equal(
            [new SoftApInfo("PROV_NEAR", "24:0A:C4:00:00:01", 90, "WPA2-PSK", 2437), new SoftApInfo("PROV_FAR", "24:0A:C4:00:00:02", 30, "open", 2437)],
            aps);
        Assert.Contains("RequestScan", bench.NetworkManager.Calls);
    }

    [Theory]
    [InlineData("GetDevices", "org.freedesktop.DBus.Error.ServiceUnknown", typeof(NetworkManagerUnavailableException))]
    [InlineData("GetAllAccessPoints", "org.freedesktop.DBus.Error.AccessDenied", typeof(AccessPointScanFailedException))]
    public async Task A_bus_error_is_a_typed_error(string failing, string errorName, Type expected)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.FailCall = (_, member) => member == failing ? errorName : null;

        var error = await Assert.ThrowsAnyAsync<SoftApJoinException>(() => SoftApDiscovery.ScanAsync(
            new SoftApScanRequest { BusAddress = bench.Bus.Address, ScanTimeout = TimeSpan.FromSeconds(5) }, TestContext.Current.CancellationToken));

        Assert.IsType(expected, error);
    }
}
