using EspProv.Model;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Simulator;

/// <summary>The Thread commands of network_provisioning's prov-config (spec section 10).</summary>
internal sealed partial class ConfigEndpoint
{
    private HandlerResult GetThreadStatus()
    {
        _manager.PollThread();
        var status = new RespGetThreadStatus { Status = Status.Success };
        string detail;
        switch (_manager.Thread)
        {
            case ThreadState.Attached:
                var dataset = _manager.AttachedDataset!;
                status.ThreadState = ThreadNetworkState.Attached;
                status.ThreadAttached = new ThreadAttachState
                {
                    PanId = dataset.PanId ?? 0,
                    ExtPanId = ByteString.CopyFrom(dataset.ExtPanId ?? new byte[8]),
                    Channel = dataset.Channel ?? 0,
                    Name = dataset.NetworkName ?? string.Empty,
                };
                detail = $"GetThreadStatus -> Attached name=\"{dataset.NetworkName}\" pan=0x{dataset.PanId ?? 0:x4}{_manager.OnSuccessReported()}";
                break;
            case ThreadState.Detached:
                status.ThreadState = ThreadNetworkState.AttachingFailed;
                status.ThreadFailReason = _manager.ThreadFailReason;
                detail = $"GetThreadStatus -> AttachingFailed ({_manager.ThreadFailReason})";
                break;
            default:
                status.ThreadState = ThreadNetworkState.Attaching;
                detail = "GetThreadStatus -> Attaching";
                break;
        }

        return Reply(NetworkConfigMsgType.TypeRespGetThreadStatus, p => p.RespGetThreadStatus = status, detail);
    }

    private HandlerResult SetThreadConfig(NetworkConfigPayload request)
    {
        if (request.PayloadCase != NetworkConfigPayload.PayloadOneofCase.CmdSetThreadConfig)
        {
            throw ProtobufRequest.MissingPayload(Protocol.Endpoints.ProvConfig, "SetThreadConfig");
        }

        var dataset = request.CmdSetThreadConfig.Dataset;
        Status status;
        if (dataset.Length > ThreadDataset.MaxLength)
        {
            status = Status.InvalidArgument;
        }
        else
        {
            _manager.PendingDataset = dataset.ToByteArray();
            status = Status.Success;
        }

        return Reply(NetworkConfigMsgType.TypeRespSetThreadConfig, p => p.RespSetThreadConfig = new RespSetThreadConfig { Status = status }, $"SetThreadConfig dataset=({dataset.Length} bytes) -> {status}");
    }

    private HandlerResult ApplyThreadConfig()
    {
        var status = _manager.ApplyThread();
        return Reply(NetworkConfigMsgType.TypeRespApplyThreadConfig, p => p.RespApplyThreadConfig = new RespApplyThreadConfig { Status = status }, $"ApplyThreadConfig -> {status}{Refusal(status, "ApplyThreadConfig")}");
    }
}
