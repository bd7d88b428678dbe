using EspProv.Errors;
using EspProv.Model;
using EspProv.Protocol;
using EspProv.Protocol.Protocomm;
using EspProv.Protocol.WifiProv;
using EspProv.Transport;
using Google.Protobuf;

namespace EspProv.Flows;

public sealed partial class ProvisioningClient
{
    /// <summary>
    /// Runs a blocking Wi-Fi scan on the device and fetches every result, with esp_prov's per-transport
    /// rules: channel groups of 5 on HTTP (so the softAP keeps beaconing), 0 elsewhere; results in pages
    /// of 4 over BLE (the attribute size limit), 100 otherwise.
    /// </summary>
    public async Task<IReadOnlyList<WifiAccessPoint>> ScanWifiAsync(CancellationToken cancellationToken = default)
    {
        var start = new WiFiScanPayload
        {
            Msg = WiFiScanMsgType.TypeCmdScanStart,
            CmdScanStart = new CmdScanStart
            {
                Blocking = true,
                Passive = false,
                GroupChannels = Transport.Kind == TransportKind.Http ? 5u : 0u,
                PeriodMs = 120,
            },
        };
        var started = await ScanAsync(start, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("ScanStart", started.Status);

        var status = await ScanAsync(new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanStatus }, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("ScanStatus", status.Status);
        return await FetchScanPagesAsync(status.RespScanStatus?.ResultCount ?? 0, ScanPageSize, "Wi-Fi", async (index, take) =>
        {
            var page = await ScanAsync(
                new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanResult, CmdScanResult = new CmdScanResult { StartIndex = index, Count = take } }, cancellationToken).ConfigureAwait(false);
            ThrowOnStatus("ScanResult", page.Status);
            return (page.RespScanResult?.Entries ?? []).Select(e => new WifiAccessPoint(e.Ssid.ToByteArray(), e.Bssid.ToByteArray(), (int)e.Channel, e.Rssi, e.Auth)).ToList();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches <paramref name="reported"/> scan results page by page. The count comes from the device, so
    /// it is bounded (<see cref="MaxScanResults"/>: the firmware keeps at most 255) and a page longer than
    /// asked for is cut, which keeps the index from running past the count or overflowing.
    /// </summary>
    private async Task<IReadOnlyList<T>> FetchScanPagesAsync<T>(uint reported, uint pageSize, string what, Func<uint, uint, Task<List<T>>> fetchPage)
    {
        var count = Math.Min(reported, MaxScanResults);
        if (reported > count)
        {
            Progress?.Invoke(new ScanCapped(reported, count));
        }

        var results = new List<T>((int)count);
        while (results.Count < count)
        {
            var index = (uint)results.Count;
            var take = Math.Min(count - index, pageSize);
            var entries = await fetchPage(index, take).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                throw new ProtocolException($"The device returned no scan entries for index {index} although it reported {reported} {what} results.");
            }

            results.AddRange(entries.Take((int)take));
        }

        return results;
    }

    /// <summary>The most scan results read from a device, whatever count it reports.</summary>
    public const uint MaxScanResults = 256;

    private uint ScanPageSize => Transport.Kind == TransportKind.Ble ? 4u : 100u;

    private Task<WiFiScanPayload> ScanAsync(WiFiScanPayload request, CancellationToken cancellationToken) =>
        ExchangeAsync(Endpoints.ProvScan, request, request.Msg, WiFiScanPayload.Parser, r => r.Msg, false, cancellationToken);
}
