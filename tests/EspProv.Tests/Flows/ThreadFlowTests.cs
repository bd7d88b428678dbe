using EspProv.Errors;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;
using EspProv.Security;
using EspProv.Testing.Transports;
using EspProv.Tests.Support;
using Google.Protobuf;

namespace EspProv.Tests.Flows;

/// <summary>
/// The Thread flow against a scripted network_provisioning Thread device: picking from a scan, the
/// dataset built from the pick, and how a refused ApplyThreadConfig is explained.
/// </summary>
public sealed class ThreadFlowTests
{
    private const string NetworkKey = "00112233445566778899aabbccddeeff";

    private static readonly StatusPolling NoWait = new() { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(30) };

    // Five networks: two result pages of four, so the last row is alone on the second page.
    private static readonly ThreadScanResult[] Scan =
    [
        Network(0x1234, 15, "OracleThread", 0x11),
        Network(0xabcd, 20, "Neighbour-Mesh", 0x22),
        Network(0x0100, 11, "Lowest-Long", 0x33),
        Network(0x7777, 26, "Upstairs", 0x44),
        Network(0x00ab, 25, "Short-Pan", 0x55),
    ];

    private static ThreadScanResult Network(uint panId, uint channel, string name, byte fill) => new()
    {
        PanId = panId,
        Channel = channel,
        Rssi = -40,
        Lqi = 200,
        ExtAddr = ByteString.CopyFrom(Enumerable.Repeat(fill, 8).ToArray()),
        NetworkName = name,
        ExtPanId = ByteString.CopyFrom(Enumerable.Range(fill, 8).Select(b => (byte)b).ToArray()),
    };

    private static byte[] Config(NetworkConfigPayload payload) => payload.ToByteArray();

    private static byte[] ThreadStatus(RespGetThreadStatus status) =>
        Config(new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeRespGetThreadStatus, RespGetThreadStatus = status });

    private static byte[] ApplyAnswer(Status status) =>
        Config(new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeRespApplyThreadConfig, RespApplyThreadConfig = new RespApplyThreadConfig { Status = status } });

    private static readonly byte[] AttachedToShortPan = ThreadStatus(new RespGetThreadStatus
    {
        ThreadState = ThreadNetworkState.Attached,
        ThreadAttached = new ThreadAttachState { PanId = 0x00ab, Channel = 25, Name = "Short-Pan", ExtPanId = Scan[4].ExtPanId },
    });

    /// <summary>A security 0 Thread device with a scan; <paramref name="apply"/> answers ApplyThreadConfig, <paramref name="status"/> each GetThreadStatus.</summary>
    private static ScriptedDeviceTransport ThreadDevice(List<byte[]> datasets, Status apply, Func<byte[]> status) => new((endpoint, request) =>
    {
        switch (endpoint)
        {
            case "proto-ver":
                return """{"prov":{"ver":"netprov-v1.2","sec_ver":0,"sec_patch_ver":0,"cap":["no_sec","thread_prov","thread_scan"]}}"""u8.ToArray();
            case "prov-scan":
                var scan = NetworkScanPayload.Parser.ParseFrom(request);
                var reply = new NetworkScanPayload { Msg = scan.Msg + 1, Status = Status.Success };
                switch (scan.Msg)
                {
                    case NetworkScanMsgType.TypeCmdScanThreadStart:
                        reply.RespScanThreadStart = new RespScanThreadStart();
                        break;
                    case NetworkScanMsgType.TypeCmdScanThreadStatus:
                        reply.RespScanThreadStatus = new RespScanThreadStatus { ScanFinished = true, ResultCount = (uint)Scan.Length };
                        break;
                    default:
                        var page = scan.CmdScanThreadResult;
                        reply.RespScanThreadResult = new RespScanThreadResult();
                        reply.RespScanThreadResult.Entries.AddRange(Scan.Skip((int)page.StartIndex).Take((int)page.Count));
                        break;
                }

                return reply.ToByteArray();
            default:
                Assert.Equal("prov-config", endpoint);
                var config = NetworkConfigPayload.Parser.ParseFrom(request);
                switch (config.Msg)
                {
                    case NetworkConfigMsgType.TypeCmdSetThreadConfig:
                        datasets.Add(config.CmdSetThreadConfig.Dataset.ToByteArray());
                        return Config(new NetworkConfigPayload { Msg = NetworkConfigMsgType.TypeRespSetThreadConfig, RespSetThreadConfig = new RespSetThreadConfig() });
                    case NetworkConfigMsgType.TypeCmdApplyThreadConfig:
                        return ApplyAnswer(apply);
                    default:
                        Assert.Equal(NetworkConfigMsgType.TypeCmdGetThreadStatus, config.Msg);
                        return status();
                }
        }
    });

    private static async Task<ProvisioningClient> SessionAsync(ScriptedDeviceTransport transport)
    {
        var client = new ProvisioningClient(transport);
        await client.EstablishSessionAsync(new Security0Client(), TestContext.Current.CancellationToken);
        return client;
    }

    private static int StatusRequests(ScriptedDeviceTransport transport) => transport.Requests.Count(r =>
        r.Endpoint == "prov-config" && NetworkConfigPayload.Parser.ParseFrom(r.Request).Msg == NetworkConfigMsgType.TypeCmdGetThreadStatus);

    [Fact]
    public async Task The_last_row_of_a_scan_is_the_network_provisioned()
    {
        // network_provisioning's esp_prov reads the row after the one typed, so the last row was out of
        // reach; that row here also has a PAN id below 0x100, which esp_prov wrote as one byte.
        List<byte[]> datasets = [];
        var transport = ThreadDevice(datasets, Status.Success, () => AttachedToShortPan);
        await using var client = new ProvisioningClient(transport);
        var prompts = new ScriptedPrompts(1, NetworkKey) { ThreadNetworkNumber = Scan.Length };

        var result = await new Provisioner(client, prompts).ProvisionAsync(new SessionRequest(), new ProvisioningRequest { Polling = NoWait }, TestContext.Current.CancellationToken);

        Assert.Equal(["choose-thread-network", "thread-network-key for Short-Pan"], prompts.Asked);
        var dataset = Assert.Single(datasets);
        Assert.Equal("0003000019" + "020855565758595a5b5c" + "0510" + NetworkKey + "010200ab", Convert.ToHexStringLower(dataset));
        Assert.Equal("Short-Pan", result.Thread!.NetworkName);
    }

    [Fact]
    public async Task A_mistyped_network_key_is_asked_again()
    {
        List<byte[]> datasets = [];
        await using var client = new ProvisioningClient(ThreadDevice(datasets, Status.Success, () => AttachedToShortPan));
        var prompts = new ScriptedPrompts(1, "not hex", "0011", NetworkKey) { ThreadNetworkNumber = Scan.Length };
        var progress = new List<ProvisioningEvent>();
        var provisioner = new Provisioner(client, prompts);
        provisioner.Progress += progress.Add;

        await provisioner.ProvisionAsync(new SessionRequest(), new ProvisioningRequest { Polling = NoWait }, TestContext.Current.CancellationToken);

        Assert.Equal(3, prompts.Asked.Count(p => p.StartsWith("thread-network-key", StringComparison.Ordinal)));
        Assert.Equal(2, progress.Count(p => p is Retrying));
        Assert.EndsWith("010200ab", Convert.ToHexStringLower(Assert.Single(datasets)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_mistyped_network_keys_are_missing_input_not_a_crash()
    {
        List<byte[]> datasets = [];
        await using var client = new ProvisioningClient(ThreadDevice(datasets, Status.Success, () => AttachedToShortPan));
        var prompts = new ScriptedPrompts(1, "zz", "zz", "zz", NetworkKey);

        await Assert.ThrowsAsync<MissingInputException>(() => new Provisioner(client, prompts).ProvisionAsync(new SessionRequest(), new ProvisioningRequest { Polling = NoWait }, TestContext.Current.CancellationToken));

        Assert.Empty(datasets);
    }

    [Fact]
    public void A_pan_id_below_0x100_is_still_a_two_byte_tlv()
    {
        var network = new ThreadNetwork(0x00ab, 11, -50, 100, new byte[8], "Short-Pan", [1, 2, 3, 4, 5, 6, 7, 8]);

        var dataset = ThreadDataset.FromScan(network, Convert.FromHexString(NetworkKey));

        Assert.Equal("000300000b" + "02080102030405060708" + "0510" + NetworkKey + "010200ab", Convert.ToHexStringLower(dataset));
    }

    [Theory]
    [InlineData(ThreadAttachFailedReason.DatasetInvalid)]
    [InlineData(ThreadAttachFailedReason.ThreadNetworkNotFound)]
    public async Task A_refused_apply_reports_the_reason_of_one_status_poll(ThreadAttachFailedReason reason)
    {
        var transport = ThreadDevice([], Status.InternalError, () => ThreadStatus(new RespGetThreadStatus { ThreadState = ThreadNetworkState.AttachingFailed, ThreadFailReason = reason }));
        await using var client = await SessionAsync(transport);

        var failure = await Assert.ThrowsAsync<ThreadAttachFailedException>(() => client.ApplyThreadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(reason, failure.Reason);
        var apply = Assert.IsType<DeviceStatusException>(failure.InnerException);
        Assert.Equal(Status.InternalError, apply.Status);
        Assert.Equal(1, StatusRequests(transport));
    }

    public static TheoryData<string> SilentStatuses() => ["attaching", "failed-without-reason", "attached", "status-error", "link-down"];

    [Theory]
    [MemberData(nameof(SilentStatuses))]
    public async Task A_refused_apply_stays_device_rejected_when_the_status_says_nothing_more(string answer)
    {
        var transport = ThreadDevice([], Status.InternalError, () => answer switch
        {
            "attaching" => ThreadStatus(new RespGetThreadStatus { ThreadState = ThreadNetworkState.Attaching }),
            "failed-without-reason" => ThreadStatus(new RespGetThreadStatus { ThreadState = ThreadNetworkState.AttachingFailed }),
            "attached" => AttachedToShortPan,
            "status-error" => ThreadStatus(new RespGetThreadStatus { Status = Status.InternalError, ThreadState = ThreadNetworkState.AttachingFailed, ThreadFailReason = ThreadAttachFailedReason.DatasetInvalid }),
            _ => throw ScriptedDeviceTransport.LinkDown(),
        });
        await using var client = await SessionAsync(transport);

        var failure = await Assert.ThrowsAsync<DeviceStatusException>(() => client.ApplyThreadAsync(TestContext.Current.CancellationToken));

        Assert.Equal("ApplyThreadConfig", failure.Operation);
        Assert.Equal(Status.InternalError, failure.Status);
        Assert.Equal(1, StatusRequests(transport));
    }

    [Fact]
    public async Task An_accepted_apply_asks_for_no_status()
    {
        var transport = ThreadDevice([], Status.Success, () => throw new InvalidOperationException("no status expected"));
        await using var client = await SessionAsync(transport);

        await client.ApplyThreadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, StatusRequests(transport));
    }
}
