using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;
using Google.Protobuf;

namespace EspProv.Simulator.Tests.Engine;

public sealed class ThreadTests
{
    // Channel 15, PAN 0x1234, ext PAN id, network key, name "OracleThread".
    private static readonly byte[] Dataset = Hex.Bytes("000300000f" + "02081122334455667788" + "051000112233445566778899aabbccddeeff" + "01021234" + "030c4f7261636c65546872656164");

    private static SimulatedDevice Device(FailureMode fail = FailureMode.None) =>
        new(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = DeviceFlavour.NetworkProvThread, Fail = fail, ConnectAfterPolls = 2 });

    private static async Task<NetworkConfigPayload> Config(SimulatedDevice device, byte[] request) =>
        NetworkConfigPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvConfig, 0, request, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Dataset_is_applied_and_attach_reports_the_network()
    {
        using var device = Device();
        Assert.Equal(Status.Success, (await Config(device, Messages.SetThreadConfig(Dataset))).RespSetThreadConfig.Status);
        Assert.Equal(Status.Success, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);
        Assert.Equal(ThreadNetworkState.Attaching, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus.ThreadState);
        var attached = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
        Assert.Equal(ThreadNetworkState.Attached, attached.ThreadState);
        Assert.Equal(0x1234u, attached.ThreadAttached.PanId);
        Assert.Equal(15u, attached.ThreadAttached.Channel);
        Assert.Equal("OracleThread", attached.ThreadAttached.Name);
        Assert.Equal("1122334455667788", Hex.Of(attached.ThreadAttached.ExtPanId.Span));
        Assert.Equal(Dataset, device.Snapshot.AppliedCredentials!.ThreadDataset);
        Assert.Equal(Status.InternalError, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);
    }

    [Fact]
    public async Task Oversized_dataset_is_an_invalid_argument()
    {
        using var device = Device();
        Assert.Equal(Status.InvalidArgument, (await Config(device, Messages.SetThreadConfig(new byte[255]))).RespSetThreadConfig.Status);
    }

    [Fact]
    public async Task Malformed_tlvs_fail_apply_with_dataset_invalid_and_allow_reset()
    {
        using var device = Device();
        await Config(device, Messages.SetThreadConfig(Hex.Bytes("0102ab")));
        Assert.Equal(Status.InternalError, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);
        var status = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
        Assert.Equal(ThreadNetworkState.AttachingFailed, status.ThreadState);
        Assert.Equal(ThreadAttachFailedReason.DatasetInvalid, status.ThreadFailReason);
        Assert.False(device.Snapshot.ReceivedCredentials);
        var reset = NetworkCtrlPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvCtrl, 0, Hex.Bytes("0805"), TestContext.Current.CancellationToken));
        Assert.Equal(Status.Success, reset.Status);
    }

    [Fact]
    public async Task Not_found_reports_thread_network_not_found()
    {
        using var device = Device(FailureMode.NotFound);
        await Config(device, Messages.SetThreadConfig(Dataset));
        await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig));
        await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus));
        var status = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
        Assert.Equal(ThreadAttachFailedReason.ThreadNetworkNotFound, status.ThreadFailReason);
    }

    [Fact]
    public async Task Wifi_commands_on_a_thread_build_are_invalid_arguments()
    {
        using var device = Device();
        Assert.Equal(Status.InvalidArgument, (await Config(device, Messages.GetStatus)).RespGetWifiStatus.Status);
        var scan = NetworkScanPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvScan, 0, Messages.ScanStartBlocking, TestContext.Current.CancellationToken));
        Assert.Equal(Status.InvalidArgument, scan.Status);
    }

    [Fact]
    public async Task Thread_scan_lists_networks_in_discovery_order()
    {
        using var device = Device();
        var start = new NetworkScanPayload { Msg = NetworkScanMsgType.TypeCmdScanThreadStart, CmdScanThreadStart = new CmdScanThreadStart { Blocking = true } }.ToByteArray();
        await device.HandleAsync(Endpoints.ProvScan, 0, start, TestContext.Current.CancellationToken);
        var status = NetworkScanPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvScan, 0, Hex.Bytes("0808"), TestContext.Current.CancellationToken));
        Assert.Equal(2u, status.RespScanThreadStatus.ResultCount);
        var request = new NetworkScanPayload { Msg = NetworkScanMsgType.TypeCmdScanThreadResult, CmdScanThreadResult = new CmdScanThreadResult { StartIndex = 0, Count = 4 } }.ToByteArray();
        var page = NetworkScanPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvScan, 0, request, TestContext.Current.CancellationToken));
        Assert.Equal(Status.InternalError, page.Status);
        Assert.Equal(["OracleThread", "Neighbour-Mesh"], page.RespScanThreadResult.Entries.Select(e => e.NetworkName));
    }
}
