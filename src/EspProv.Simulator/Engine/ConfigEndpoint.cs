using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Simulator;

/// <summary>
/// prov-config (spec sections 7.1 and 10). The network_provisioning messages are a wire-compatible
/// superset of wifi_provisioning's, so one set of types serves every flavour; the flavour decides
/// which commands exist.
/// </summary>
internal sealed partial class ConfigEndpoint
{
    private const int MaxSsidLength = 32;
    private const int MaxPassphraseLength = 63;

    private readonly ProvisioningManager _manager;
    private readonly DeviceOptions _options;
    private int _droppedApplies;

    public ConfigEndpoint(ProvisioningManager manager, DeviceOptions options)
    {
        _manager = manager;
        _options = options;
    }

    private bool IsThreadBuild => _options.Flavour == DeviceFlavour.NetworkProvThread;

    public HandlerResult Handle(ReadOnlySpan<byte> plaintext)
    {
        var request = ProtobufRequest.Parse(NetworkConfigPayload.Parser, plaintext, Endpoints.ProvConfig);
        var msg = request.Msg;
        var isThreadCommand = msg is NetworkConfigMsgType.TypeCmdGetThreadStatus or NetworkConfigMsgType.TypeCmdSetThreadConfig or NetworkConfigMsgType.TypeCmdApplyThreadConfig;
        var isWifiCommand = msg is NetworkConfigMsgType.TypeCmdGetWifiStatus or NetworkConfigMsgType.TypeCmdSetWifiConfig or NetworkConfigMsgType.TypeCmdApplyWifiConfig;
        if (!(isWifiCommand || (isThreadCommand && _options.Flavour != DeviceFlavour.WifiProv)))
        {
            throw ProtobufRequest.UnknownCommand(Endpoints.ProvConfig, (int)msg);
        }

        // network_provisioning answers a command for the other network type with InvalidArgument.
        if (_options.Flavour != DeviceFlavour.WifiProv && isThreadCommand != IsThreadBuild)
        {
            return WrongNetworkType(msg);
        }

        if (msg is NetworkConfigMsgType.TypeCmdApplyWifiConfig or NetworkConfigMsgType.TypeCmdApplyThreadConfig && _droppedApplies < _options.DropLinkOnApply)
        {
            _droppedApplies++;
            throw new DeviceRequestFailedException(DeviceFailureReason.LinkDropped, $"ApplyConfig dropped the link ({_droppedApplies} of {_options.DropLinkOnApply})");
        }

        return msg switch
        {
            NetworkConfigMsgType.TypeCmdGetWifiStatus => GetWifiStatus(),
            NetworkConfigMsgType.TypeCmdSetWifiConfig => SetWifiConfig(request),
            NetworkConfigMsgType.TypeCmdApplyWifiConfig => ApplyWifiConfig(),
            NetworkConfigMsgType.TypeCmdGetThreadStatus => GetThreadStatus(),
            NetworkConfigMsgType.TypeCmdSetThreadConfig => SetThreadConfig(request),
            _ => ApplyThreadConfig(),
        };
    }

    private HandlerResult GetWifiStatus()
    {
        _manager.PollWifi();
        var status = new RespGetWifiStatus { Status = Status.Success };
        string detail;
        switch (_manager.Station)
        {
            case StationState.Connected:
                var ap = _manager.JoinedAccessPoint!;
                status.WifiStaState = WifiStationState.Connected;
                status.WifiConnected = new WifiConnectedState
                {
                    Ip4Addr = _options.StationIp4,
                    AuthMode = ap.Auth.ToNetworkProv(),
                    Ssid = ByteString.CopyFrom(_manager.Applied!.Ssid),
                    Bssid = ByteString.CopyFrom(ap.Bssid),
                    Channel = ap.Channel,
                };
                // Lenient UTF-8, as this line always decoded it: an SSID that is not UTF-8 shows replacement characters.
                detail = $"GetStatus -> Connected ssid=\"{System.Text.Encoding.UTF8.GetString(ap.Ssid)}\" bssid={ap.BssidText} ip={_options.StationIp4}{_manager.OnSuccessReported()}";
                break;
            case StationState.Disconnected:
                status.WifiStaState = WifiStationState.ConnectionFailed;
                status.WifiFailReason = _manager.WifiFailReason;
                detail = $"GetStatus -> ConnectionFailed ({(_manager.WifiFailReason == WifiConnectFailedReason.AuthError ? "AuthError" : "NetworkNotFound")})";
                break;
            case StationState.AttemptFailed:
                status.WifiStaState = WifiStationState.Connecting;
                status.AttemptFailed = new WifiAttemptFailed { AttemptsRemaining = (uint)_manager.AttemptsRemaining };
                detail = $"GetStatus -> Connecting (attempt failed, {_manager.AttemptsRemaining} remaining)";
                break;
            default:
                status.WifiStaState = WifiStationState.Connecting;
                detail = "GetStatus -> Connecting";
                break;
        }

        return Reply(NetworkConfigMsgType.TypeRespGetWifiStatus, p => p.RespGetWifiStatus = status, detail);
    }

    private HandlerResult SetWifiConfig(NetworkConfigPayload request)
    {
        if (request.PayloadCase != NetworkConfigPayload.PayloadOneofCase.CmdSetWifiConfig)
        {
            throw ProtobufRequest.MissingPayload(Endpoints.ProvConfig, "SetConfig");
        }

        var cmd = request.CmdSetWifiConfig;
        Status status;
        if (cmd.Bssid.Length is not (0 or 6) || cmd.Ssid.Length > MaxSsidLength || cmd.Passphrase.Length > MaxPassphraseLength)
        {
            status = Status.InvalidArgument;
        }
        else
        {
            // wifi_config_t keeps C strings: both values end at the first NUL. bssid and channel are ignored.
            _manager.PendingWifi = (UpToNul(cmd.Ssid.Span), UpToNul(cmd.Passphrase.Span));
            status = Status.Success;
        }

        var detail = $"SetConfig ssid=\"{Printable(cmd.Ssid.Span)}\" passphrase=({cmd.Passphrase.Length} bytes) -> {status}";
        return Reply(NetworkConfigMsgType.TypeRespSetWifiConfig, p => p.RespSetWifiConfig = new RespSetWifiConfig { Status = status }, detail);
    }

    private HandlerResult ApplyWifiConfig()
    {
        var status = _manager.ApplyWifi();
        return Reply(NetworkConfigMsgType.TypeRespApplyWifiConfig, p => p.RespApplyWifiConfig = new RespApplyWifiConfig { Status = status }, $"ApplyConfig -> {status}{Refusal(status, "ApplyConfig")}");
    }

    private HandlerResult WrongNetworkType(NetworkConfigMsgType msg)
    {
        var detail = $"{msg} on a {(IsThreadBuild ? "Thread" : "Wi-Fi")} build -> InvalidArgument";
        return msg switch
        {
            NetworkConfigMsgType.TypeCmdGetWifiStatus => Reply(msg + 1, p => p.RespGetWifiStatus = new RespGetWifiStatus { Status = Status.InvalidArgument }, detail),
            NetworkConfigMsgType.TypeCmdSetWifiConfig => Reply(msg + 1, p => p.RespSetWifiConfig = new RespSetWifiConfig { Status = Status.InvalidArgument }, detail),
            NetworkConfigMsgType.TypeCmdApplyWifiConfig => Reply(msg + 1, p => p.RespApplyWifiConfig = new RespApplyWifiConfig { Status = Status.InvalidArgument }, detail),
            NetworkConfigMsgType.TypeCmdGetThreadStatus => Reply(msg + 1, p => p.RespGetThreadStatus = new RespGetThreadStatus { Status = Status.InvalidArgument }, detail),
            NetworkConfigMsgType.TypeCmdSetThreadConfig => Reply(msg + 1, p => p.RespSetThreadConfig = new RespSetThreadConfig { Status = Status.InvalidArgument }, detail),
            _ => Reply(msg + 1, p => p.RespApplyThreadConfig = new RespApplyThreadConfig { Status = Status.InvalidArgument }, detail),
        };
    }

    private string Refusal(Status status, string command) => status == Status.InternalError ? $" ({command} refused: {_manager.RefusalReason})" : string.Empty;

    private static HandlerResult Reply(NetworkConfigMsgType msg, Action<NetworkConfigPayload> fill, string detail)
    {
        var payload = new NetworkConfigPayload { Msg = msg };
        fill(payload);
        return new HandlerResult(payload.ToByteArray(), detail);
    }

    private static byte[] UpToNul(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return (end < 0 ? value : value[..end]).ToArray();
    }

    internal static string Printable(ReadOnlySpan<byte> value)
    {
        var text = System.Text.Encoding.UTF8.GetString(value);
        return new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
