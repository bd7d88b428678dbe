using EspProv.Model;
using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace EspProv.Simulator;

/// <summary>prov-scan (spec sections 7.2 and 10): Wi-Fi results sorted by RSSI, Thread results in discovery order, both capped at MAX_ENTRIES.</summary>
internal sealed partial class ScanEndpoint
{
    private readonly DeviceOptions _options;
    private readonly TimeProvider _time;
    private readonly ScanRun<WifiAccessPoint> _wifi;
    private readonly ScanRun<ThreadNetwork> _thread;

    public ScanEndpoint(DeviceOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _wifi = new ScanRun<WifiAccessPoint>(time);
        _thread = new ScanRun<ThreadNetwork>(time);
    }

    private bool IsThreadBuild => _options.Flavour == DeviceFlavour.NetworkProvThread;

    public async ValueTask<HandlerResult> HandleAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        var request = ProtobufRequest.Parse(NetworkScanPayload.Parser, plaintext.Span, Endpoints.ProvScan);
        var msg = request.Msg;
        var isThreadCommand = msg is NetworkScanMsgType.TypeCmdScanThreadStart or NetworkScanMsgType.TypeCmdScanThreadStatus or NetworkScanMsgType.TypeCmdScanThreadResult;
        var isWifiCommand = msg is NetworkScanMsgType.TypeCmdScanWifiStart or NetworkScanMsgType.TypeCmdScanWifiStatus or NetworkScanMsgType.TypeCmdScanWifiResult;
        if (!(isWifiCommand || (isThreadCommand && _options.Flavour != DeviceFlavour.WifiProv)))
        {
            throw ProtobufRequest.UnknownCommand(Endpoints.ProvScan, (int)msg);
        }

        if (_options.Flavour != DeviceFlavour.WifiProv && isThreadCommand != IsThreadBuild)
        {
            // network_provisioning: a scan for the other network type is an invalid argument.
            var reply = new NetworkScanPayload { Msg = msg + 1, Status = Status.InvalidArgument };
            return new HandlerResult(reply.ToByteArray(), $"{msg} on a {(IsThreadBuild ? "Thread" : "Wi-Fi")} build -> InvalidArgument");
        }

        return msg switch
        {
            NetworkScanMsgType.TypeCmdScanWifiStart => await StartWifiAsync(request, cancellationToken).ConfigureAwait(false),
            NetworkScanMsgType.TypeCmdScanWifiStatus => WifiStatus(),
            NetworkScanMsgType.TypeCmdScanWifiResult => WifiResult(request),
            NetworkScanMsgType.TypeCmdScanThreadStart => await StartThreadAsync(request, cancellationToken).ConfigureAwait(false),
            NetworkScanMsgType.TypeCmdScanThreadStatus => ThreadStatus(),
            _ => ThreadResult(request),
        };
    }

    private async ValueTask<HandlerResult> StartWifiAsync(NetworkScanPayload request, CancellationToken cancellationToken)
    {
        if (request.PayloadCase != NetworkScanPayload.PayloadOneofCase.CmdScanWifiStart)
        {
            throw ProtobufRequest.MissingPayload(Endpoints.ProvScan, "ScanStart");
        }

        var cmd = request.CmdScanWifiStart;
        var visible = _options.ScanCount is { } limit ? _options.AccessPoints.Take(limit) : _options.AccessPoints;
        var sorted = visible.OrderByDescending(ap => ap.Rssi).Take(_options.ScanMaxEntries).ToArray();
        var wasRunning = _wifi.IsScanning;
        _wifi.Start(sorted, _options.ScanDuration);
        if (cmd.Blocking && !wasRunning)
        {
            await WaitAsync(_wifi.Remaining, cancellationToken).ConfigureAwait(false);
        }

        var reply = new NetworkScanPayload { Msg = NetworkScanMsgType.TypeRespScanWifiStart, Status = Status.Success, RespScanWifiStart = new RespScanWifiStart() };
        var detail = $"ScanStart blocking={cmd.Blocking} passive={cmd.Passive} group_channels={cmd.GroupChannels} period_ms={cmd.PeriodMs} -> Success{(wasRunning ? " (already scanning)" : string.Empty)}";
        return new HandlerResult(reply.ToByteArray(), detail);
    }

    private HandlerResult WifiStatus()
    {
        var finished = !_wifi.IsScanning;
        var count = (uint)_wifi.Results.Count;
        var reply = new NetworkScanPayload
        {
            Msg = NetworkScanMsgType.TypeRespScanWifiStatus,
            Status = Status.Success,
            RespScanWifiStatus = new RespScanWifiStatus { ScanFinished = finished, ResultCount = count },
        };
        return new HandlerResult(reply.ToByteArray(), $"ScanStatus -> finished={finished} count={count}");
    }

    private HandlerResult WifiResult(NetworkScanPayload request)
    {
        if (request.PayloadCase != NetworkScanPayload.PayloadOneofCase.CmdScanWifiResult)
        {
            throw ProtobufRequest.MissingPayload(Endpoints.ProvScan, "ScanResult");
        }

        var (start, count) = (request.CmdScanWifiResult.StartIndex, request.CmdScanWifiResult.Count);
        var page = new RespScanWifiResult();
        var status = FillPage(_wifi.Results, start, count, page.Entries, ap => new WiFiScanResult
        {
            Ssid = ByteString.CopyFrom(ap.Ssid),
            Channel = (uint)ap.Channel,
            Rssi = ap.Rssi,
            Bssid = ByteString.CopyFrom(ap.Bssid),
            Auth = ap.Auth.ToNetworkProv(),
        });

        var reply = new NetworkScanPayload { Msg = NetworkScanMsgType.TypeRespScanWifiResult, Status = status, RespScanWifiResult = page };
        return new HandlerResult(reply.ToByteArray(), $"ScanResult start={start} count={count} -> {page.Entries.Count} entries, {status}");
    }

    /// <summary>
    /// Copies results[start..start+count) into <paramref name="entries"/> as ESP-IDF's scan handlers do: a page
    /// reaching beyond MAX_ENTRIES is a handler failure (no response at all), a page reaching beyond the
    /// results found stops at the first empty slot with <c>InternalError</c>.
    /// </summary>
    private Status FillPage<TItem, TEntry>(IReadOnlyList<TItem> results, uint start, uint count, RepeatedField<TEntry> entries, Func<TItem, TEntry> toEntry)
    {
        var max = (uint)_options.ScanMaxEntries;
        if (start >= max || count > max - start)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.InvalidRequest, $"Scan result page start={start} count={count} reaches beyond MAX_ENTRIES={max}.");
        }

        for (var i = (int)start; i < start + count; i++)
        {
            if (i >= results.Count)
            {
                return Status.InternalError;
            }

            entries.Add(toEntry(results[i]));
        }

        return Status.Success;
    }

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, _time, cancellationToken) : Task.CompletedTask;
}
