using EspProv.Errors;
using EspProv.Model;
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
        var response = await NetworkConfigAsync(request, true, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("SetThreadConfig (dataset)", response.RespSetThreadConfig?.Status ?? Status.Success);
    }

    /// <summary>
    /// Sends ApplyThreadConfig; the device then attaches. network_provisioning parses the dataset only
    /// here and answers a bad one with a bare <c>InternalError</c>, so a refused apply is followed by one
    /// GetThreadStatus: <see cref="ThreadAttachFailedException"/> when it names the reason
    /// (<c>DatasetInvalid</c>), otherwise the <see cref="DeviceStatusException"/> of the apply.
    /// </summary>
    public async Task ApplyThreadAsync(CancellationToken cancellationToken = default)
    {
        var request = new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeCmdApplyThreadConfig, CmdApplyThreadConfig = new CmdApplyThreadConfig() };
        var response = await NetworkConfigAsync(request, false, cancellationToken).ConfigureAwait(false);
        var applied = response.RespApplyThreadConfig?.Status ?? Status.Success;
        if (applied == Status.Success)
        {
            return;
        }

        var rejected = new DeviceStatusException("ApplyThreadConfig", applied);
        RespGetThreadStatus status;
        try
        {
            status = await GetThreadStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProvException)
        {
            // The apply's own answer is the failure to report; the status was only asked to explain it.
            throw rejected;
        }

        if (status.Status == Status.Success && status.ThreadState == ThreadNetworkState.AttachingFailed && status.StateCase == RespGetThreadStatus.StateOneofCase.ThreadFailReason)
        {
            throw new ThreadAttachFailedException(status.ThreadFailReason, rejected);
        }

        throw rejected;
    }

    /// <summary>Polls the Thread status until attached (returned) or failed (throws), within the timeout.</summary>
    public Task<ThreadAttachment> WaitForThreadAsync(StatusPolling? polling = null, CancellationToken cancellationToken = default) =>
        PollAsync(polling, "attach to Thread", async ct =>
        {
            var status = await GetThreadStatusAsync(ct).ConfigureAwait(false);
            ThrowOnStatus("GetThreadStatus", status.Status);
            switch (status.ThreadState)
            {
                case ThreadNetworkState.Attached:
                    var attached = status.ThreadAttached ?? new ThreadAttachState();
                    return new ThreadAttachment(attached.PanId, attached.ExtPanId.ToByteArray(), attached.Channel, attached.Name);
                case ThreadNetworkState.Attaching:
                    Progress?.Invoke(new StatusPolled(PollState.Attaching));
                    return null;
                default:
                    throw new ThreadAttachFailedException(status.StateCase == RespGetThreadStatus.StateOneofCase.ThreadFailReason ? status.ThreadFailReason : ThreadAttachFailedReason.DatasetInvalid);
            }
        }, cancellationToken);

    /// <summary>Runs a blocking Thread scan and fetches every result (pages of 4, as the NP esp_prov does).</summary>
    public async Task<IReadOnlyList<ThreadNetwork>> ScanThreadAsync(CancellationToken cancellationToken = default)
    {
        var started = await NetworkScanAsync(
            new NetworkScanPayload { Msg = NetworkScanMsgType.TypeCmdScanThreadStart, CmdScanThreadStart = new CmdScanThreadStart { Blocking = true, ChannelMask = 0 } }, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("Thread ScanStart", started.Status);
        var status = await NetworkScanAsync(
            new NetworkScanPayload { Msg = NetworkScanMsgType.TypeCmdScanThreadStatus, CmdScanThreadStatus = new CmdScanThreadStatus() }, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("Thread ScanStatus", status.Status);
        return await FetchScanPagesAsync(status.RespScanThreadStatus?.ResultCount ?? 0, 4u, "Thread", async (index, take) =>
        {
            var page = await NetworkScanAsync(
                new NetworkScanPayload
                {
                    Msg = NetworkScanMsgType.TypeCmdScanThreadResult,
                    CmdScanThreadResult = new CmdScanThreadResult { StartIndex = index, Count = take },
                }, cancellationToken).ConfigureAwait(false);
            ThrowOnStatus("Thread ScanResult", page.Status);
            return (page.RespScanThreadResult?.Entries ?? []).Select(e => new ThreadNetwork(e.PanId, e.Channel, e.Rssi, e.Lqi, e.ExtAddr.ToByteArray(), e.NetworkName, e.ExtPanId.ToByteArray())).ToList();
        }).ConfigureAwait(false);
    }

    private async Task<RespGetThreadStatus> GetThreadStatusAsync(CancellationToken cancellationToken)
    {
        var request = new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeCmdGetThreadStatus, CmdGetThreadStatus = new CmdGetThreadStatus() };
        return (await NetworkConfigAsync(request, false, cancellationToken).ConfigureAwait(false)).RespGetThreadStatus ?? new RespGetThreadStatus();
    }

    private Task<NetworkConfigPayload> NetworkConfigAsync(NetworkConfigPayload request, bool sensitive, CancellationToken cancellationToken) =>
        ExchangeAsync(Endpoints.ProvConfig, request, request.Msg, NetworkConfigPayload.Parser, r => r.Msg, sensitive, cancellationToken);

    private Task<NetworkScanPayload> NetworkScanAsync(NetworkScanPayload request, CancellationToken cancellationToken) =>
        ExchangeAsync(Endpoints.ProvScan, request, request.Msg, NetworkScanPayload.Parser, r => r.Msg, false, cancellationToken);
}
