using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;
using EspProv.Transport;
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
    public async Task Attached_reports_the_name_of_the_discovered_network_a_scan_built_dataset_lacks()
    {
        // What esp_prov builds from a scan pick: channel, extended PAN id, network key, PAN id; no name.
        using var device = Device();
        await Config(device, Messages.SetThreadConfig(Hex.Bytes("0003000014" + "02081122334455667788" + "051000112233445566778899aabbccddeeff" + "0102abcd")));
        await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig));
        await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus));
        var attached = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;

        Assert.Equal(ThreadNetworkState.Attached, attached.ThreadState);
        Assert.Equal("Neighbour-Mesh", attached.ThreadAttached.Name);
        Assert.Equal(0xabcdu, attached.ThreadAttached.PanId);
        Assert.Equal(20u, attached.ThreadAttached.Channel);
    }

    [Fact]
    public async Task Set_config_checks_only_the_length_of_the_dataset()
    {
        using var device = Device();
        Assert.Equal(Status.InvalidArgument, (await Config(device, Messages.SetThreadConfig(new byte[255]))).RespSetThreadConfig.Status);

        // 254 zero bytes are no dataset (a channel TLV of length 0), yet SetThreadConfig takes them.
        Assert.Equal(Status.Success, (await Config(device, Messages.SetThreadConfig(new byte[254]))).RespSetThreadConfig.Status);
        Assert.Equal(Status.InternalError, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);
    }

    [Fact]
    public async Task Malformed_tlvs_fail_apply_with_dataset_invalid_and_allow_reset()
    {
        using var device = Device();
        Assert.Equal(Status.Success, (await Config(device, Messages.SetThreadConfig(Hex.Bytes("0102ab")))).RespSetThreadConfig.Status);
        Assert.Equal(Status.InternalError, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);
        var status = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
        Assert.Equal(ThreadNetworkState.AttachingFailed, status.ThreadState);
        Assert.Equal(ThreadAttachFailedReason.DatasetInvalid, status.ThreadFailReason);
        Assert.False(device.Snapshot.ReceivedCredentials);
        var reset = NetworkCtrlPayload.Parser.ParseFrom(await device.HandleAsync(Endpoints.ProvCtrl, 0, Hex.Bytes("0805"), TestContext.Current.CancellationToken));
        Assert.Equal(Status.Success, reset.Status);
    }

    [Fact]
    public async Task Fail_dataset_invalid_refuses_even_a_valid_dataset_at_apply()
    {
        using var device = Device(FailureMode.DatasetInvalid);
        Assert.Equal(Status.Success, (await Config(device, Messages.SetThreadConfig(Dataset))).RespSetThreadConfig.Status);
        Assert.Equal(Status.InternalError, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);

        // Every later poll tells the same reason; nothing was applied.
        for (var poll = 0; poll < 3; poll++)
        {
            var status = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
            Assert.Equal(Status.Success, status.Status);
            Assert.Equal(ThreadNetworkState.AttachingFailed, status.ThreadState);
            Assert.Equal(RespGetThreadStatus.StateOneofCase.ThreadFailReason, status.StateCase);
            Assert.Equal(ThreadAttachFailedReason.DatasetInvalid, status.ThreadFailReason);
        }

        Assert.Equal(0, device.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Not_found_comes_after_connect_after_polls_of_attaching(int connectAfter)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = DeviceFlavour.NetworkProvThread, Fail = FailureMode.NotFound, ConnectAfterPolls = connectAfter });
        await Config(device, Messages.SetThreadConfig(Dataset));
        Assert.Equal(Status.Success, (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdApplyThreadConfig))).RespApplyThreadConfig.Status);
        for (var poll = 1; poll < connectAfter; poll++)
        {
            var attaching = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
            Assert.Equal(ThreadNetworkState.Attaching, attaching.ThreadState);
            Assert.Equal(RespGetThreadStatus.StateOneofCase.None, attaching.StateCase);
        }

        var status = (await Config(device, Messages.Config(NetworkConfigMsgType.TypeCmdGetThreadStatus))).RespGetThreadStatus;
        Assert.Equal(ThreadNetworkState.AttachingFailed, status.ThreadState);
        Assert.Equal(ThreadAttachFailedReason.ThreadNetworkNotFound, status.ThreadFailReason);
        Assert.Equal(1, device.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData(DeviceFlavour.NetworkProvThread, FailureMode.Auth)]
    [InlineData(DeviceFlavour.WifiProv, FailureMode.DatasetInvalid)]
    [InlineData(DeviceFlavour.NetworkProvWifi, FailureMode.DatasetInvalid)]
    public void A_failure_the_flavour_cannot_produce_is_refused(DeviceFlavour flavour, FailureMode fail)
    {
        var error = Assert.Throws<ArgumentException>(() => new SimulatedDevice(new DeviceOptions { Flavour = flavour, Fail = fail }));
        Assert.Equal(nameof(DeviceOptions.Fail), error.ParamName);
    }

    [Fact]
    public async Task Thread_flavour_runs_the_thread_example_credentials_threadprov()
    {
        var options = new DeviceOptions { Flavour = DeviceFlavour.NetworkProvThread };
        Assert.Equal("threadprov", options.Sec2Username);
        Assert.Equal("wifiprov", new DeviceOptions { Flavour = DeviceFlavour.NetworkProvWifi }.Sec2Username);
        Assert.Equal("wifiprov", (options with { Flavour = DeviceFlavour.WifiProv }).Sec2Username);
        Assert.Equal("alice", new DeviceOptions { Flavour = DeviceFlavour.NetworkProvThread, Sec2Username = "alice" }.Sec2Username);

        using var device = new SimulatedDevice(options);
        Assert.Contains("\"username\":\"threadprov\"", device.QrPayloadFor(TransportKind.Ble).ToJson(), StringComparison.Ordinal);
        var threadprov = new EngineClient(device, new Security2Client("threadprov"u8.ToArray(), "abcd1234"u8.ToArray()), sessionId: 1);
        await threadprov.EstablishAsync();
        Assert.True(device.Snapshot.SessionEstablished);

        var wifiprov = new EngineClient(device, new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray()), sessionId: 2);
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(wifiprov.EstablishAsync);
        Assert.Equal(DeviceFailureReason.WrongCredentials, failure.Reason);
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
