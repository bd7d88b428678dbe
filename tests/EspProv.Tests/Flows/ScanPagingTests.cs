using EspProv.Errors;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Protocol.Protocomm;
using EspProv.Protocol.WifiProv;
using EspProv.Security;
using EspProv.Testing.Transports;
using EspProv.Transport;
using Google.Protobuf;

namespace EspProv.Tests.Flows;

/// <summary>Wi-Fi scan result paging per transport (esp_prov: 100 per request over HTTP, 4 over BLE).</summary>
public sealed class ScanPagingTests
{
    private static Func<string, byte[], byte[]> ScanDevice(uint resultCount, List<(uint Start, uint Count)> pages, List<CmdScanStart> starts, int maxPerPage = int.MaxValue, uint extraPerPage = 0) => (endpoint, request) =>
    {
        Assert.Equal("prov-scan", endpoint);
        var payload = WiFiScanPayload.Parser.ParseFrom(request);
        return payload.Msg switch
        {
            WiFiScanMsgType.TypeCmdScanStart => Reply(new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanStart, RespScanStart = new RespScanStart() }, () => starts.Add(payload.CmdScanStart)),
            WiFiScanMsgType.TypeCmdScanStatus => new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanStatus, RespScanStatus = new RespScanStatus { ScanFinished = true, ResultCount = resultCount } }.ToByteArray(),
            WiFiScanMsgType.TypeCmdScanResult => Page(payload.CmdScanResult, pages, maxPerPage, extraPerPage),
            _ => throw new InvalidOperationException(),
        };
    };

    private static byte[] Reply(WiFiScanPayload payload, Action record)
    {
        record();
        return payload.ToByteArray();
    }

    private static byte[] Page(CmdScanResult command, List<(uint Start, uint Count)> pages, int maxPerPage, uint extraPerPage)
    {
        pages.Add((command.StartIndex, command.Count));
        var result = new RespScanResult();
        for (var i = 0u; i < Math.Min(command.Count, (uint)maxPerPage) + extraPerPage; i++)
        {
            var n = command.StartIndex + i;
            result.Entries.Add(new WiFiScanResult { Ssid = ByteString.CopyFromUtf8($"AP{n}"), Channel = 1 + (n % 11), Rssi = -40 - (int)(n % 50), Bssid = ByteString.CopyFrom([2, 0, 0, 0, (byte)(n >> 8), (byte)n]), Auth = WifiAuthMode.Wpa2Psk });
        }

        return new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanResult, RespScanResult = result }.ToByteArray();
    }

    private static async Task<(IReadOnlyList<WifiAccessPoint> Aps, ScriptedDeviceTransport Transport)> ScanAsync(ScriptedDeviceTransport transport)
    {
        await using var client = new ProvisioningClient(transport);
        await client.EstablishSessionAsync(new Security0Client(), TestContext.Current.CancellationToken);
        return (await client.ScanWifiAsync(TestContext.Current.CancellationToken), transport);
    }

    [Fact]
    public async Task Http_fetches_100_per_request()
    {
        List<(uint, uint)> pages = [];
        List<CmdScanStart> starts = [];
        var (aps, _) = await ScanAsync(new ScriptedDeviceTransport(ScanDevice(150, pages, starts), TransportKind.Http));

        Assert.Equal([(0u, 100u), (100u, 50u)], pages);
        Assert.Equal(150, aps.Count);
        Assert.Equal("AP149", aps[^1].SsidText);
        var start = Assert.Single(starts);
        Assert.True(start.Blocking);
        Assert.False(start.Passive);
        Assert.Equal(5u, start.GroupChannels);
        Assert.Equal(120u, start.PeriodMs);
    }

    [Fact]
    public async Task Ble_fetches_4_per_request()
    {
        List<(uint, uint)> pages = [];
        List<CmdScanStart> starts = [];
        var (aps, transport) = await ScanAsync(new ScriptedDeviceTransport(ScanDevice(10, pages, starts), TransportKind.Ble));

        Assert.Equal([(0u, 4u), (4u, 4u), (8u, 2u)], pages);
        Assert.Equal(3, transport.Requests.Count(r => WiFiScanPayload.Parser.ParseFrom(r.Request).Msg == WiFiScanMsgType.TypeCmdScanResult));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"AP{i}"), aps.Select(a => a.SsidText));
        Assert.Equal(0u, Assert.Single(starts).GroupChannels);
    }

    [Fact]
    public async Task Short_pages_continue_where_the_device_stopped()
    {
        List<(uint, uint)> pages = [];
        var (aps, _) = await ScanAsync(new ScriptedDeviceTransport(ScanDevice(10, pages, [], maxPerPage: 3), TransportKind.Ble));

        Assert.Equal([(0u, 4u), (3u, 4u), (6u, 4u), (9u, 1u)], pages);
        Assert.Equal(10, aps.Count);
    }

    [Fact]
    public async Task Zero_results_send_no_result_request()
    {
        List<(uint, uint)> pages = [];
        var (aps, _) = await ScanAsync(new ScriptedDeviceTransport(ScanDevice(0, pages, []), TransportKind.Http));

        Assert.Empty(aps);
        Assert.Empty(pages);
    }

    [Fact]
    public async Task Empty_page_is_a_protocol_error()
    {
        var error = await Assert.ThrowsAsync<ProtocolException>(() => ScanAsync(new ScriptedDeviceTransport(ScanDevice(5, [], [], maxPerPage: 0))));

        Assert.Contains("no scan entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_success_scan_status_is_a_device_status_error()
    {
        var transport = new ScriptedDeviceTransport((_, request) => WiFiScanPayload.Parser.ParseFrom(request).Msg == WiFiScanMsgType.TypeCmdScanStart
            ? new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanStart, Status = Status.InternalError, RespScanStart = new RespScanStart() }.ToByteArray()
            : throw new InvalidOperationException("no further request expected"));

        var error = await Assert.ThrowsAsync<DeviceStatusException>(() => ScanAsync(transport));

        Assert.Equal(Status.InternalError, error.Status);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task A_huge_reported_count_reads_at_most_256_results()
    {
        List<(uint, uint)> pages = [];
        var (aps, _) = await ScanAsync(new ScriptedDeviceTransport(ScanDevice(uint.MaxValue, pages, []), TransportKind.Http));

        Assert.Equal(256, aps.Count);
        Assert.Equal([(0u, 100u), (100u, 100u), (200u, 56u)], pages);
    }

    [Fact]
    public async Task Pages_longer_than_asked_for_are_cut_to_the_reported_count()
    {
        List<(uint, uint)> pages = [];
        var (aps, _) = await ScanAsync(new ScriptedDeviceTransport(ScanDevice(10, pages, [], extraPerPage: 1000), TransportKind.Ble));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"AP{i}"), aps.Select(a => a.SsidText));
        Assert.Equal([(0u, 4u), (4u, 4u), (8u, 2u)], pages);
    }
}
