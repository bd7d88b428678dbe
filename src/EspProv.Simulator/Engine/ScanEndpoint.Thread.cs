using EspProv.Model;
using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Simulator;

/// <summary>The Thread scan commands (spec section 10): results in discovery order, not sorted.</summary>
internal sealed partial class ScanEndpoint
{
    private async ValueTask<HandlerResult> StartThreadAsync(NetworkScanPayload request, CancellationToken cancellationToken)
    {
        if (request.PayloadCase != NetworkScanPayload.PayloadOneofCase.CmdScanThreadStart)
        {
            throw ProtobufRequest.MissingPayload(Endpoints.ProvScan, "ScanThreadStart");
        }

        var cmd = request.CmdScanThreadStart;

        // channel_mask 0 means all channels; otherwise bit n selects channel n.
        var found = _options.ThreadNetworks
            .Where(n => cmd.ChannelMask == 0 || (n.Channel < 32 && (cmd.ChannelMask & (1u << (int)n.Channel)) != 0))
            .Take(_options.ScanMaxEntries)
            .ToArray();
        var wasRunning = _thread.IsScanning;
        _thread.Start(found, _options.ScanDuration);
        if (cmd.Blocking && !wasRunning)
        {
            await WaitAsync(_thread.Remaining, cancellationToken).ConfigureAwait(false);
        }

        var reply = new NetworkScanPayload { Msg = NetworkScanMsgType.TypeRespScanThreadStart, Status = Status.Success, RespScanThreadStart = new RespScanThreadStart() };
        return new HandlerResult(reply.ToByteArray(), $"ScanThreadStart blocking={cmd.Blocking} channel_mask=0x{cmd.ChannelMask:x} -> Success");
    }

    private HandlerResult ThreadStatus()
    {
        var finished = !_thread.IsScanning;
        var count = (uint)_thread.Results.Count;
        var reply = new NetworkScanPayload
        {
            Msg = NetworkScanMsgType.TypeRespScanThreadStatus,
            Status = Status.Success,
            RespScanThreadStatus = new RespScanThreadStatus { ScanFinished = finished, ResultCount = count },
        };
        return new HandlerResult(reply.ToByteArray(), $"ScanThreadStatus -> finished={finished} count={count}");
    }

    private HandlerResult ThreadResult(NetworkScanPayload request)
    {
        if (request.PayloadCase != NetworkScanPayload.PayloadOneofCase.CmdScanThreadResult)
        {
            throw ProtobufRequest.MissingPayload(Endpoints.ProvScan, "ScanThreadResult");
        }

        var (start, count) = (request.CmdScanThreadResult.StartIndex, request.CmdScanThreadResult.Count);
        var page = new RespScanThreadResult();
        var status = FillPage(_thread.Results, start, count, page.Entries, network => new ThreadScanResult
        {
            PanId = network.PanId,
            Channel = network.Channel,
            Rssi = network.Rssi,
            Lqi = network.Lqi,
            ExtAddr = ByteString.CopyFrom(network.ExtAddress),
            NetworkName = network.NetworkName,
            ExtPanId = ByteString.CopyFrom(network.ExtPanId),
        });

        var reply = new NetworkScanPayload { Msg = NetworkScanMsgType.TypeRespScanThreadResult, Status = status, RespScanThreadResult = page };
        return new HandlerResult(reply.ToByteArray(), $"ScanThreadResult start={start} count={count} -> {page.Entries.Count} entries, {status}");
    }
}
