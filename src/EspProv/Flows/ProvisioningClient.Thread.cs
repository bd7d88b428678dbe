using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Flows;

public sealed partial class ProvisioningClient
{
    /// <summary>Sends the Thread operational dataset (TLVs, at most 254 bytes). Marked sensitive: it holds the network key.</summary>
    public async Task SetThreadDatasetAsync(ReadOnlyMemory<byte> datasetTlvs, CancellationToken cancellationToken = default)
    {
        var request = new NetworkConfigPayload
        {
            Msg = NetworkConfigMsgType.TypeCmdSetThreadConfig,
            CmdSetThreadConfig = new CmdSetThreadConfig { Dataset = ByteString.CopyFrom(datasetTlvs.Span) },
        };
        var response = await NetworkConfigAsync(request, NetworkConfigMsgType.TypeRespSetThreadConfig, true, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("SetThreadConfig (dataset)", response.RespSetThreadConfig?.Status ?? Status.Success);
    }

    /// <summary>Sends ApplyThreadConfig; the device then attaches.</summary>
    public async Task ApplyThreadAsync(CancellationToken cancellationToken = default)
    {
        var request = new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeCmdApplyThreadConfig, CmdApplyThreadConfig = new CmdApplyThreadConfig() };
        var response = await NetworkConfigAsync(request, NetworkConfigMsgType.TypeRespApplyThreadConfig, false, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("ApplyThreadConfig", response.RespApplyThreadConfig?.Status ?? Status.Success);
    }

    /// <summary>Polls the Thread status until attached (returned) or failed (throws), within the timeout.</summary>
    public async Task<ThreadAttachment> WaitForThreadAsync(StatusPolling? polling = null, CancellationToken cancellationToken = default)
    {
        polling ??= new StatusPolling();
        var deadline = TimeProvider.GetUtcNow() + polling.Timeout;
        var interval = polling.Interval;
        while (true)
        {
            await Task.Delay(interval, TimeProvider, cancellationToken).ConfigureAwait(false);
            var request = new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeCmdGetThreadStatus, CmdGetThreadStatus = new CmdGetThreadStatus() };
            var response = await NetworkConfigAsync(request, NetworkConfigMsgType.TypeRespGetThreadStatus, false, cancellationToken).ConfigureAwait(false);
            var status = response.RespGetThreadStatus ?? new RespGetThreadStatus();
            ThrowOnStatus("GetThreadStatus", status.Status);
            switch (status.ThreadState)
            {
                case ThreadNetworkState.Attached:
                    var attached = status.ThreadAttached ?? new ThreadAttachState();
                    return new ThreadAttachment(attached.PanId, attached.ExtPanId.ToByteArray(), attached.Channel, attached.Name);
                case ThreadNetworkState.Attaching:
                    OnNote("Attaching…");
                    break;
                default:
                    throw new ThreadAttachFailedException(status.StateCase == RespGetThreadStatus.StateOneofCase.ThreadFailReason ? status.ThreadFailReason : ThreadAttachFailedReason.DatasetInvalid);
            }

            if (TimeProvider.GetUtcNow() + interval > deadline)
            {
                throw new ProvisioningTimeoutException($"The device did not attach to Thread within {polling.Timeout.TotalSeconds:0.#} s.");
            }

            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * polling.Backoff), polling.MaxInterval.Ticks));
        }
    }

    /// <summary>Runs a blocking Thread scan and fetches every result (pages of 4, as the NP esp_prov does).</summary>
    public async Task<IReadOnlyList<ThreadNetwork>> ScanThreadAsync(CancellationToken cancellationToken = default)
    {
        var started = await NetworkScanAsync(
            new NetworkScanPayload { Msg = NetworkScanMsgType.TypeCmdScanThreadStart, CmdScanThreadStart = new CmdScanThreadStart { Blocking = true, ChannelMask = 0 } },
            NetworkScanMsgType.TypeRespScanThreadStart,
            cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("Thread ScanStart", started.Status);
        var status = await NetworkScanAsync(
            new NetworkScanPayload { Msg = NetworkScanMsgType.TypeCmdScanThreadStatus, CmdScanThreadStatus = new CmdScanThreadStatus() },
            NetworkScanMsgType.TypeRespScanThreadStatus,
            cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("Thread ScanStatus", status.Status);
        var count = status.RespScanThreadStatus?.ResultCount ?? 0;
        var results = new List<ThreadNetwork>();
        for (var index = 0u; index < count;)
        {
            var page = await NetworkScanAsync(
                new NetworkScanPayload
                {
                    Msg = NetworkScanMsgType.TypeCmdScanThreadResult,
                    CmdScanThreadResult = new CmdScanThreadResult { StartIndex = index, Count = Math.Min(count - index, 4u) },
                },
                NetworkScanMsgType.TypeRespScanThreadResult,
                cancellationToken).ConfigureAwait(false);
            ThrowOnStatus("Thread ScanResult", page.Status);
            var entries = page.RespScanThreadResult?.Entries ?? [];
            if (entries.Count == 0)
            {
                throw new ProtocolException($"The device returned no Thread scan entries for index {index} although it reported {count}.");
            }

            results.AddRange(entries.Select(e => new ThreadNetwork(e.PanId, e.Channel, e.Rssi, e.Lqi, e.ExtAddr.ToByteArray(), e.NetworkName, e.ExtPanId.ToByteArray())));
            index += (uint)entries.Count;
        }

        return results;
    }

    private async Task<NetworkConfigPayload> NetworkConfigAsync(NetworkConfigPayload request, NetworkConfigMsgType expected, bool sensitive, CancellationToken cancellationToken)
    {
        var plain = await SendEncryptedAsync(Endpoints.ProvConfig, request.ToByteArray(), sensitive, cancellationToken).ConfigureAwait(false);
        var response = Decode(NetworkConfigPayload.Parser, plain, "prov-config");
        if (response.Msg != expected)
        {
            throw new ProtocolException($"The device answered {request.Msg} with {response.Msg}, expected {expected}.");
        }

        return response;
    }

    private async Task<NetworkScanPayload> NetworkScanAsync(NetworkScanPayload request, NetworkScanMsgType expected, CancellationToken cancellationToken)
    {
        var plain = await SendEncryptedAsync(Endpoints.ProvScan, request.ToByteArray(), false, cancellationToken).ConfigureAwait(false);
        var response = Decode(NetworkScanPayload.Parser, plain, "prov-scan");
        if (response.Msg != expected)
        {
            throw new ProtocolException($"The device answered {request.Msg} with {response.Msg}, expected {expected}.");
        }

        return response;
    }
}
