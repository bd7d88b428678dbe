using EspProv.Protocol.Protocomm;
using EspProv.Protocol.WifiProv;
using EspProv.Tests.Support;
using Google.Protobuf;

namespace EspProv.Tests.Protocol;

/// <summary>
/// Spec section 11.4: the plaintext wire encodings of the application messages, as esp_prov and the
/// device produce them (protoc --encode of ESP-IDF's .proto files). Our generated types must write the
/// same bytes, including oneof scalars that are zero and empty sub-messages.
/// </summary>
public sealed class PlaintextEncodingTests
{
    public static TheoryData<string, string> Encodings() => new()
    {
        { "sec0 SessionCmd", "5203a20100" },
        { "sec0 SessionResp", "52050801aa0100" },
        { "GetStatus request", "5200" },
        { "GetStatus Connecting", "08015a021001" },
        { "GetStatus Connecting + attempt_failed{2}", "08015a06100162020802" },
        { "GetStatus AuthError", "08015a0410035000" },
        { "GetStatus NetworkNotFound", "08015a0410035001" },
        { "GetStatus Connected", "08015a245a220a0c3139322e3136382e312e343210031a066d797373696422061122334455662806" },
        { "SetConfig request", "080262140a066d7973736964120a6d7970617373776f7264" },
        { "SetConfig Success", "08036a00" },
        { "SetConfig InvalidArgument", "08036a020804" },
        { "ApplyConfig request", "0804" },
        { "ApplyConfig Success", "08057a00" },
        { "ApplyConfig InternalError", "08057a020805" },
        { "ScanStart softap", "5206080118052078" },
        { "ScanStart ble", "520408012078" },
        { "ScanStart Success", "08015a00" },
        { "ScanStatus request", "0802" },
        { "ScanStatus finished 3", "08036a0408011003" },
        { "ScanResult start 0 count 3", "080472021003" },
        { "ScanResult start 4 count 4", "0804720408041004" },
        { "ScanResult 1 entry", "08057a210a1f0a066d7973736964100618d3ffffffffffffffff0122061122334455662803" },
        { "CtrlReset request", "0801" },
        { "CtrlReset Success", "08026200" },
        { "CtrlReset InternalError", "080210056200" },
        { "CtrlReprov request", "0803" },
        { "CtrlReprov Success", "08047200" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Messages_encode_as_the_spec_lists(string name, string hex) => Assert.Equal(hex, Hex.Of(Build(name).ToByteArray()));

    private static IMessage Build(string name) => name switch
    {
        "sec0 SessionCmd" => new SessionData { Sec0 = new Sec0Payload { Sc = new S0SessionCmd() } },
        "sec0 SessionResp" => new SessionData { Sec0 = new Sec0Payload { Msg = Sec0MsgType.S0SessionResponse, Sr = new S0SessionResp() } },
        "GetStatus request" => new WiFiConfigPayload { CmdGetStatus = new CmdGetStatus() },
        "GetStatus Connecting" => Status(new RespGetStatus { StaState = WifiStationState.Connecting }),
        "GetStatus Connecting + attempt_failed{2}" => Status(new RespGetStatus { StaState = WifiStationState.Connecting, AttemptFailed = new WifiAttemptFailed { AttemptsRemaining = 2 } }),
        "GetStatus AuthError" => Status(new RespGetStatus { StaState = WifiStationState.ConnectionFailed, FailReason = WifiConnectFailedReason.AuthError }),
        "GetStatus NetworkNotFound" => Status(new RespGetStatus { StaState = WifiStationState.ConnectionFailed, FailReason = WifiConnectFailedReason.NetworkNotFound }),
        "GetStatus Connected" => Status(new RespGetStatus
        {
            StaState = WifiStationState.Connected,
            Connected = new WifiConnectedState
            {
                Ip4Addr = "192.168.1.42",
                AuthMode = WifiAuthMode.Wpa2Psk,
                Ssid = ByteString.CopyFromUtf8("myssid"),
                Bssid = ByteString.CopyFrom(Hex.Bytes("112233445566")),
                Channel = 6,
            },
        }),
        "SetConfig request" => new WiFiConfigPayload
        {
            Msg = WiFiConfigMsgType.TypeCmdSetConfig,
            CmdSetConfig = new CmdSetConfig { Ssid = ByteString.CopyFromUtf8("myssid"), Passphrase = ByteString.CopyFromUtf8("mypassword") },
        },
        "SetConfig Success" => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespSetConfig, RespSetConfig = new RespSetConfig() },
        "SetConfig InvalidArgument" => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespSetConfig, RespSetConfig = new RespSetConfig { Status = EspProv.Protocol.Protocomm.Status.InvalidArgument } },
        "ApplyConfig request" => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdApplyConfig },
        "ApplyConfig Success" => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespApplyConfig, RespApplyConfig = new RespApplyConfig() },
        "ApplyConfig InternalError" => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespApplyConfig, RespApplyConfig = new RespApplyConfig { Status = EspProv.Protocol.Protocomm.Status.InternalError } },
        "ScanStart softap" => new WiFiScanPayload { CmdScanStart = new CmdScanStart { Blocking = true, GroupChannels = 5, PeriodMs = 120 } },
        "ScanStart ble" => new WiFiScanPayload { CmdScanStart = new CmdScanStart { Blocking = true, PeriodMs = 120 } },
        "ScanStart Success" => new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanStart, RespScanStart = new RespScanStart() },
        "ScanStatus request" => new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanStatus },
        "ScanStatus finished 3" => new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanStatus, RespScanStatus = new RespScanStatus { ScanFinished = true, ResultCount = 3 } },
        "ScanResult start 0 count 3" => new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanResult, CmdScanResult = new CmdScanResult { Count = 3 } },
        "ScanResult start 4 count 4" => new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanResult, CmdScanResult = new CmdScanResult { StartIndex = 4, Count = 4 } },
        "ScanResult 1 entry" => new WiFiScanPayload
        {
            Msg = WiFiScanMsgType.TypeRespScanResult,
            RespScanResult = new RespScanResult
            {
                Entries =
                {
                    new WiFiScanResult { Ssid = ByteString.CopyFromUtf8("myssid"), Channel = 6, Rssi = -45, Bssid = ByteString.CopyFrom(Hex.Bytes("112233445566")), Auth = WifiAuthMode.Wpa2Psk },
                },
            },
        },
        "CtrlReset request" => new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeCmdCtrlReset },
        "CtrlReset Success" => new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeRespCtrlReset, RespCtrlReset = new RespCtrlReset() },
        "CtrlReset InternalError" => new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeRespCtrlReset, Status = EspProv.Protocol.Protocomm.Status.InternalError, RespCtrlReset = new RespCtrlReset() },
        "CtrlReprov request" => new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeCmdCtrlReprov },
        "CtrlReprov Success" => new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeRespCtrlReprov, RespCtrlReprov = new RespCtrlReprov() },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static WiFiConfigPayload Status(RespGetStatus status) => new() { Msg = WiFiConfigMsgType.TypeRespGetStatus, RespGetStatus = status };
}
