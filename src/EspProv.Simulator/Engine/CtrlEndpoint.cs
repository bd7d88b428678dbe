using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Simulator;

/// <summary>prov-ctrl (spec section 7.3): Reset only after a failure, Reprov only with auto-stop disabled.</summary>
internal sealed class CtrlEndpoint
{
    private readonly ProvisioningManager _manager;
    private readonly DeviceOptions _options;

    public CtrlEndpoint(ProvisioningManager manager, DeviceOptions options)
    {
        _manager = manager;
        _options = options;
    }

    public HandlerResult Handle(ReadOnlySpan<byte> plaintext)
    {
        var request = ProtobufRequest.Parse(NetworkCtrlPayload.Parser, plaintext, Endpoints.ProvCtrl);
        var msg = request.Msg;
        var isThread = msg is NetworkCtrlMsgType.TypeCmdCtrlThreadReset or NetworkCtrlMsgType.TypeCmdCtrlThreadReprov;
        var isWifi = msg is NetworkCtrlMsgType.TypeCmdCtrlWifiReset or NetworkCtrlMsgType.TypeCmdCtrlWifiReprov;
        if (!(isWifi || (isThread && _options.Flavour != DeviceFlavour.WifiProv)))
        {
            throw ProtobufRequest.UnknownCommand(Endpoints.ProvCtrl, (int)msg);
        }

        var isReset = msg is NetworkCtrlMsgType.TypeCmdCtrlWifiReset or NetworkCtrlMsgType.TypeCmdCtrlThreadReset;
        Status status;
        if (_options.Flavour != DeviceFlavour.WifiProv && isThread != (_options.Flavour == DeviceFlavour.NetworkProvThread))
        {
            status = Status.InvalidArgument;
        }
        else
        {
            status = (isReset ? _manager.TryReset() : _manager.TryReprovision()) ? Status.Success : Status.InternalError;
        }

        var reply = new NetworkCtrlPayload { Msg = msg + 1, Status = status };
        switch (msg)
        {
            case NetworkCtrlMsgType.TypeCmdCtrlWifiReset: reply.RespCtrlWifiReset = new RespCtrlWifiReset(); break;
            case NetworkCtrlMsgType.TypeCmdCtrlWifiReprov: reply.RespCtrlWifiReprov = new RespCtrlWifiReprov(); break;
            case NetworkCtrlMsgType.TypeCmdCtrlThreadReset: reply.RespCtrlThreadReset = new RespCtrlThreadReset(); break;
            default: reply.RespCtrlThreadReprov = new RespCtrlThreadReprov(); break;
        }

        var command = isReset ? "CtrlReset" : "CtrlReprov";
        var why = status switch
        {
            Status.InternalError => $" ({command} refused: {_manager.RefusalReason})",
            Status.InvalidArgument => $" ({command} refused: a {(isThread ? "Thread" : "Wi-Fi")} command on a {(isThread ? "Wi-Fi" : "Thread")} build)",
            _ => string.Empty,
        };
        return new HandlerResult(reply.ToByteArray(), $"{command} -> {status}{why}");
    }
}
