using EspProv.Protocol.NetworkProv;
using Google.Protobuf;

namespace EspProv.Simulator.Tests.Support;

/// <summary>Request plaintexts; the fixed ones are the spec 11.4 encodings esp_prov sends.</summary>
internal static class Messages
{
    public static readonly byte[] GetStatus = Hex.Bytes("5200");
    public static readonly byte[] ApplyConfig = Hex.Bytes("0804");
    public static readonly byte[] ScanStartBlocking = Hex.Bytes("5206080118052078");
    public static readonly byte[] ScanStatus = Hex.Bytes("0802");
    public static readonly byte[] CtrlReset = Hex.Bytes("0801");
    public static readonly byte[] CtrlReprov = Hex.Bytes("0803");

    public static byte[] SetConfig(string ssid, string passphrase, byte[]? bssid = null) =>
        SetConfig(System.Text.Encoding.UTF8.GetBytes(ssid), System.Text.Encoding.UTF8.GetBytes(passphrase), bssid);

    public static byte[] SetConfig(byte[] ssid, byte[] passphrase, byte[]? bssid = null) => new NetworkConfigPayload
    {
        Msg = NetworkConfigMsgType.TypeCmdSetWifiConfig,
        CmdSetWifiConfig = new CmdSetWifiConfig
        {
            Ssid = ByteString.CopyFrom(ssid),
            Passphrase = ByteString.CopyFrom(passphrase),
            Bssid = ByteString.CopyFrom(bssid ?? []),
        },
    }.ToByteArray();

    public static byte[] ScanResult(uint start, uint count) => new NetworkScanPayload
    {
        Msg = NetworkScanMsgType.TypeCmdScanWifiResult,
        CmdScanWifiResult = new CmdScanWifiResult { StartIndex = start, Count = count },
    }.ToByteArray();

    public static byte[] Config(NetworkConfigMsgType msg) => new NetworkConfigPayload { Msg = msg }.ToByteArray();

    public static byte[] SetThreadConfig(byte[] dataset) => new NetworkConfigPayload
    {
        Msg = NetworkConfigMsgType.TypeCmdSetThreadConfig,
        CmdSetThreadConfig = new CmdSetThreadConfig { Dataset = ByteString.CopyFrom(dataset) },
    }.ToByteArray();
}
