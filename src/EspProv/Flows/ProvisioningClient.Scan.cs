using EspProv.Errors;
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
        var count = status.RespScanStatus?.ResultCount ?? 0;
        var pageSize = ScanPageSize;
        var results = new List<WifiAccessPoint>((int)Math.Min(count, 256));
        for (var index = 0u; index < count;)
        {
            var take = Math.Min(count - index, pageSize);
            var page = await ScanAsync(
                new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanResult, CmdScanResult = new CmdScanResult { StartIndex = index, Count = take } }, cancellationToken).ConfigureAwait(false);
            ThrowOnStatus("ScanResult", page.Status);
            var entries = page.RespScanResult?.Entries ?? [];
            if (entries.Count == 0)
            {
                throw new ProtocolException($"The device returned no scan entries for index {index} although it reported {count}.");
            }

            results.AddRange(entries.Select(e => new WifiAccessPoint(e.Ssid.ToByteArray(), e.Bssid.ToByteArray(), (int)e.Channel, e.Rssi, e.Auth)));
            index += (uint)entries.Count;
        }

        return results;
    }

    private uint ScanPageSize => Transport.Kind == TransportKind.Ble ? 4u : 100u;

    private Task<WiFiScanPayload> ScanAsync(WiFiScanPayload request, CancellationToken cancellationToken) =>
        ExchangeAsync(Endpoints.ProvScan, request, request.Msg, WiFiScanPayload.Parser, r => r.Msg, false, cancellationToken);
}
