using EspProv.Model;
using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Engine;

public sealed class ScanTests
{
    private static async Task<NetworkScanPayload> Scan(SimulatedDevice device, byte[] request) =>
        NetworkScanPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvScan, 0, request, TestContext.Current.CancellationToken));

    private static SimulatedDevice Device(DeviceOptions? options = null, TimeProvider? time = null) =>
        new((options ?? new DeviceOptions()) with { Security = SecurityVersion.Sec0 }, time: time);

    [Fact]
    public async Task Default_list_is_the_fixture_list_sorted_by_rssi()
    {
        using var device = Device();
        Assert.Equal("08015a00", Hex.Of(await device.HandleAsync(Endpoints.ProvScan, 0, Messages.ScanStartBlocking, TestContext.Current.CancellationToken)));
        Assert.Equal("08036a0408011006", Hex.Of(await device.HandleAsync(Endpoints.ProvScan, 0, Messages.ScanStatus, TestContext.Current.CancellationToken)));
        var page = (await Scan(device, Messages.ScanResult(0, 6))).RespScanWifiResult.Entries;
        Assert.Equal(["OracleNet", "OracleNet-Guest", "CoffeeShop", "Neighbour-WPA3", "OldRouter", "IoT-2.4"], page.Select(e => e.Ssid.ToStringUtf8()));
        Assert.Equal("02005e100006", Hex.Of(page[5].Bssid.Span));
        Assert.Equal(-79, page[5].Rssi);
    }

    [Fact]
    public async Task Results_before_any_scan_are_empty()
    {
        using var device = Device();
        var status = await Scan(device, Messages.ScanStatus);
        Assert.True(status.RespScanWifiStatus.ScanFinished);
        Assert.Equal(0u, status.RespScanWifiStatus.ResultCount);
    }

    [Fact]
    public async Task Page_beyond_result_count_returns_partial_entries_with_internal_error()
    {
        using var device = Device(new DeviceOptions { ScanCount = 5 });
        await Scan(device, Messages.ScanStartBlocking);
        var page = await Scan(device, Messages.ScanResult(4, 4));
        Assert.Equal(Status.InternalError, page.Status);
        Assert.Single(page.RespScanWifiResult.Entries);
        var empty = await Scan(device, Messages.ScanResult(5, 0));
        Assert.Equal(Status.Success, empty.Status);
        Assert.NotNull(empty.RespScanWifiResult);
    }

    [Theory]
    [InlineData(16u, 0u)]
    [InlineData(0u, 17u)]
    [InlineData(10u, 7u)]
    public async Task Page_beyond_max_entries_fails_the_request(uint start, uint count)
    {
        using var device = Device();
        await Scan(device, Messages.ScanStartBlocking);
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvScan, 0, Messages.ScanResult(start, count), TestContext.Current.CancellationToken));
        Assert.Equal(DeviceFailureReason.InvalidRequest, failure.Reason);
    }

    [Fact]
    public async Task Twenty_access_points_are_capped_at_max_entries_strongest_first()
    {
        var aps = Enumerable.Range(1, 20).Select(i => new WifiAccessPoint(System.Text.Encoding.UTF8.GetBytes($"ap{i}"), [2, 0, 0, 0, 0, (byte)i], 1, -100 + i, EspProv.Protocol.WifiProv.WifiAuthMode.Wpa2Psk)).ToArray();
        using var device = Device(new DeviceOptions { AccessPoints = aps });
        await Scan(device, Messages.ScanStartBlocking);
        Assert.Equal(16u, (await Scan(device, Messages.ScanStatus)).RespScanWifiStatus.ResultCount);
        var page = (await Scan(device, Messages.ScanResult(0, 16))).RespScanWifiResult.Entries;
        Assert.Equal("ap20", page[0].Ssid.ToStringUtf8());
        Assert.Equal("ap5", page[15].Ssid.ToStringUtf8());
    }

    [Fact]
    public async Task Non_blocking_scan_reports_unfinished_until_the_clock_passes()
    {
        var time = new ManualTimeProvider();
        using var device = Device(new DeviceOptions { ScanDuration = TimeSpan.FromSeconds(2) }, time);
        await Scan(device, Hex.Bytes("520408002078"));
        var status = (await Scan(device, Messages.ScanStatus)).RespScanWifiStatus;
        Assert.False(status.ScanFinished);
        Assert.Equal(0u, status.ResultCount);

        // A start while scanning neither restarts nor waits, even when blocking.
        await Scan(device, Messages.ScanStartBlocking);
        time.Advance(TimeSpan.FromSeconds(2));
        status = (await Scan(device, Messages.ScanStatus)).RespScanWifiStatus;
        Assert.True(status.ScanFinished);
        Assert.Equal(6u, status.ResultCount);
    }

    [Fact]
    public async Task Scan_start_without_payload_fails()
    {
        using var device = Device();
        await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvScan, 0, Hex.Bytes("0800"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Access_point_list_loads_from_json()
    {
        var aps = AccessPointList.Parse("""[{"ssid":"Lab","bssid":"02:00:5e:10:00:aa","channel":11,"rssi":-20,"auth":"WPA3_PSK"},{"ssid":"Open","bssid":"02005e1000ab","channel":1,"rssi":-90,"auth":0}]""");
        Assert.Equal(EspProv.Protocol.WifiProv.WifiAuthMode.Wpa3Psk, aps[0].Auth);
        Assert.Equal("02:00:5e:10:00:ab", aps[1].BssidText);
        using var device = Device(new DeviceOptions { AccessPoints = aps });
        await Scan(device, Messages.ScanStartBlocking);
        Assert.Equal("Lab", (await Scan(device, Messages.ScanResult(0, 1))).RespScanWifiResult.Entries[0].Ssid.ToStringUtf8());
        Assert.Throws<FormatException>(() => AccessPointList.Parse("""[{"ssid":"x","bssid":"0200"}]"""));
        Assert.Throws<FormatException>(() => AccessPointList.Parse("{"));
    }
}
