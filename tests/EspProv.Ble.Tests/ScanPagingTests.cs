using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class ScanPagingTests
{
    [Fact]
    public async Task Scan_results_come_in_pages_of_four_over_ble()
    {
        await using var bench = await Bench.StartAsync();
        var aps = Enumerable.Range(1, 10).Select(i => new WifiAccessPoint(System.Text.Encoding.UTF8.GetBytes($"AP-{i:00}"), [0x02, 0, 0x5e, 0x10, 0, (byte)i], 1 + (i % 11), -30 - i, Protocol.WifiProv.WifiAuthMode.Wpa2Psk)).ToList();
        bench.AddDevice("PROV_SCAN", Bench.Sec(SecurityVersion.Sec1) with { AccessPoints = aps }, out var backing);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_SCAN"), TestContext.Current.CancellationToken);
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        await client.EstablishSessionAsync(new Security1Client("abcd1234"u8.ToArray()), TestContext.Current.CancellationToken);

        var found = await client.ScanWifiAsync(TestContext.Current.CancellationToken);

        Assert.Equal(aps.Select(a => a.SsidText), found.Select(a => a.SsidText));
        var pages = backing.Records.Where(r => r.Endpoint == Endpoints.ProvScan && r.Detail.StartsWith("ScanResult", StringComparison.Ordinal)).Select(r => r.Detail).ToList();
        Assert.Equal(3, pages.Count);
        Assert.StartsWith("ScanResult start=0 count=4 -> 4 entries", pages[0]);
        Assert.StartsWith("ScanResult start=4 count=4 -> 4 entries", pages[1]);
        Assert.StartsWith("ScanResult start=8 count=2 -> 2 entries", pages[2]);
    }
}
