using EspProv.Errors;
using EspProv.Flows;
using EspProv.Protocol.Protocomm;
using EspProv.Protocol.WifiProv;
using EspProv.Security;
using EspProv.Testing.Transports;
using Google.Protobuf;

namespace EspProv.Tests.Flows;

/// <summary>GetStatus polling, failures of the device and the link in the middle of a flow, and malformed answers.</summary>
public sealed class StatusPollingTests
{
    private static readonly StatusPolling NoWait = new() { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(30) };

    private static byte[] Status(RespGetStatus status) =>
        new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespGetStatus, RespGetStatus = status }.ToByteArray();

    private static byte[] Connecting(uint? attemptsRemaining = null)
    {
        var status = new RespGetStatus { StaState = WifiStationState.Connecting };
        if (attemptsRemaining is { } left)
        {
            status.AttemptFailed = new WifiAttemptFailed { AttemptsRemaining = left };
        }

        return Status(status);
    }

    private static byte[] Connected() => Status(new RespGetStatus
    {
        StaState = WifiStationState.Connected,
        Connected = new WifiConnectedState { Ip4Addr = "192.168.1.123", AuthMode = WifiAuthMode.Wpa2Psk, Ssid = ByteString.CopyFromUtf8("OracleNet"), Bssid = ByteString.CopyFrom([2, 0, 0x5e, 0x10, 0, 1]), Channel = 6 },
    });

    private static byte[] Failed(WifiConnectFailedReason reason) => Status(new RespGetStatus { StaState = WifiStationState.ConnectionFailed, FailReason = reason });

    /// <summary>Answers each GetStatus with the next scripted step (bytes, or an exception to throw).</summary>
    private static ScriptedDeviceTransport Polling(params object[] steps)
    {
        var queue = new Queue<object>(steps);
        return new ScriptedDeviceTransport((endpoint, request) =>
        {
            Assert.Equal("prov-config", endpoint);
            Assert.Equal(WiFiConfigMsgType.TypeCmdGetStatus, WiFiConfigPayload.Parser.ParseFrom(request).Msg);
            Assert.True(queue.Count > 0, "unexpected extra GetStatus");
            return queue.Dequeue() switch
            {
                byte[] bytes => bytes,
                Exception ex => throw ex,
                _ => throw new InvalidOperationException(),
            };
        });
    }

    private static async Task<ProvisioningClient> ClientAsync(ScriptedDeviceTransport transport, List<string>? notes = null)
    {
        var client = new ProvisioningClient(transport);
        if (notes is not null)
        {
            client.Progress += e => notes.Add(e.Message);
        }

        await client.EstablishSessionAsync(new Security0Client(), TestContext.Current.CancellationToken);
        return client;
    }

    [Fact]
    public async Task Connecting_several_times_then_connected()
    {
        var transport = Polling(Connecting(), Connecting(), Connecting(), Connected());
        List<string> notes = [];
        await using var client = await ClientAsync(transport, notes);

        var connection = await client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken);

        Assert.Equal("192.168.1.123", connection.Ip4);
        Assert.Equal("OracleNet", connection.SsidText);
        Assert.Equal("02:00:5e:10:00:01", connection.BssidText);
        Assert.Equal(6, connection.Channel);
        Assert.Equal(4, transport.Requests.Count);
        Assert.Equal(3, notes.Count(n => n.StartsWith("Connecting", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Attempts_remaining_are_reported_until_the_final_failure()
    {
        var transport = Polling(Connecting(), Connecting(2), Connecting(1), Failed(WifiConnectFailedReason.AuthError));
        List<string> notes = [];
        await using var client = await ClientAsync(transport, notes);

        var error = await Assert.ThrowsAsync<WifiConnectionFailedException>(() => client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken));

        Assert.Equal(WifiConnectFailedReason.AuthError, error.Reason);
        Assert.Contains(notes, n => n.Contains("2 remaining", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("1 remaining", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Network_not_found_is_reported()
    {
        await using var client = await ClientAsync(Polling(Failed(WifiConnectFailedReason.NetworkNotFound)));

        var error = await Assert.ThrowsAsync<WifiConnectionFailedException>(() => client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken));

        Assert.Equal(WifiConnectFailedReason.NetworkNotFound, error.Reason);
    }

    [Fact]
    public async Task Link_failures_while_polling_are_retried_up_to_three_times()
    {
        var transport = Polling(Connecting(), ScriptedDeviceTransport.LinkDown(), ScriptedDeviceTransport.LinkDown(), ScriptedDeviceTransport.LinkDown(), Connected());
        List<string> notes = [];
        await using var client = await ClientAsync(transport, notes);

        var connection = await client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken);

        Assert.Equal("192.168.1.123", connection.Ip4);
        Assert.Equal(3, notes.Count(n => n.StartsWith("Status poll failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_fourth_link_failure_in_a_row_ends_polling()
    {
        var fourth = ScriptedDeviceTransport.LinkDown();
        var transport = Polling(ScriptedDeviceTransport.LinkDown(), ScriptedDeviceTransport.LinkDown(), ScriptedDeviceTransport.LinkDown(), fourth);
        await using var client = await ClientAsync(transport);

        var error = await Assert.ThrowsAsync<TransportException>(() => client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken));

        Assert.Same(fourth, error);
        Assert.Equal(4, transport.Requests.Count);
    }

    [Fact]
    public async Task Link_failure_counter_resets_after_an_answer()
    {
        var down = ScriptedDeviceTransport.LinkDown;
        var transport = Polling(down(), down(), down(), Connecting(), down(), down(), down(), Connected());
        await using var client = await ClientAsync(transport);

        var connection = await client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken);

        Assert.Equal(8, transport.Requests.Count);
        Assert.Equal(6, connection.Channel);
    }

    [Fact]
    public async Task Polling_gives_up_at_the_timeout()
    {
        var steps = Enumerable.Range(0, 1000).Select(_ => (object)Connecting()).ToArray();
        await using var client = await ClientAsync(Polling(steps));
        var polling = new StatusPolling { Interval = TimeSpan.FromMilliseconds(20), MaxInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAsync<ProvisioningTimeoutException>(() => client.WaitForWifiAsync(polling, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_last_poll_is_at_the_timeout_not_an_interval_before_it()
    {
        // 0.5 s growing by 1.5 up to 3 s: with --timeout 3 the polls fall at 0.5, 1.25 and 2.375 s; the
        // next interval would pass the deadline, so it is cut to poll at 3 s.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var start = time.GetUtcNow();
        var polledAt = new List<TimeSpan>();
        var transport = new ScriptedDeviceTransport((_, _) =>
        {
            polledAt.Add(time.GetUtcNow() - start);
            return Connecting();
        });
        await using var client = new ProvisioningClient(transport, timeProvider: time);
        await client.EstablishSessionAsync(new Security0Client(), TestContext.Current.CancellationToken);

        var wait = client.WaitForWifiAsync(new StatusPolling { Interval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromSeconds(3) }, TestContext.Current.CancellationToken);
        for (var ms = 0; ms < 5000 && !wait.IsCompleted; ms++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Yield();
        }

        await Assert.ThrowsAsync<ProvisioningTimeoutException>(() => wait);
        Assert.Equal(4, polledAt.Count);
        Assert.InRange(polledAt[^1], TimeSpan.FromMilliseconds(2999), TimeSpan.FromMilliseconds(3010));
        Assert.InRange(polledAt[2], TimeSpan.FromMilliseconds(2370), TimeSpan.FromMilliseconds(2385));
    }

    [Fact]
    public void The_first_poll_goes_out_promptly_by_default() =>
        Assert.True(new StatusPolling().Interval <= TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task A_link_failure_leaves_a_security_0_session_usable()
    {
        // Security 0 has no cipher state to fall out of step (encrypted schemes: SessionRenewalTests).
        var down = ScriptedDeviceTransport.LinkDown();
        var transport = new ScriptedDeviceTransport((_, request) => WiFiConfigPayload.Parser.ParseFrom(request).Msg == WiFiConfigMsgType.TypeCmdSetConfig
            ? throw down
            : new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespApplyConfig, RespApplyConfig = new RespApplyConfig() }.ToByteArray());
        await using var client = await ClientAsync(transport);

        var error = await Assert.ThrowsAsync<TransportException>(() => client.SetWifiConfigAsync(new WifiCredentials("OracleNet"u8.ToArray(), "secret"u8.ToArray(), null, 0), TestContext.Current.CancellationToken));
        Assert.Same(down, error);
        Assert.Equal(SessionState.Established, client.State);

        await client.ApplyWifiConfigAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Wrong_message_type_is_a_protocol_error()
    {
        var transport = new ScriptedDeviceTransport((_, _) => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespSetConfig, RespSetConfig = new RespSetConfig() }.ToByteArray());
        await using var client = await ClientAsync(transport);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => client.GetWifiStatusAsync(TestContext.Current.CancellationToken));

        Assert.Contains("TypeRespGetStatus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undecodable_answer_is_a_protocol_error()
    {
        var transport = new ScriptedDeviceTransport((_, _) => [0xff, 0xff, 0xff]);
        await using var client = await ClientAsync(transport);

        await Assert.ThrowsAsync<ProtocolException>(() => client.ApplyWifiConfigAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Non_success_status_is_a_device_status_error()
    {
        var transport = new ScriptedDeviceTransport((_, _) => new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespSetConfig, RespSetConfig = new RespSetConfig { Status = EspProv.Protocol.Protocomm.Status.InvalidArgument } }.ToByteArray());
        await using var client = await ClientAsync(transport);

        var error = await Assert.ThrowsAsync<DeviceStatusException>(() => client.SetWifiConfigAsync(new WifiCredentials(new byte[33], [], null, 0), TestContext.Current.CancellationToken));

        Assert.Equal(EspProv.Protocol.Protocomm.Status.InvalidArgument, error.Status);
        Assert.Contains("SetConfig", error.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_success_get_status_is_a_device_status_error()
    {
        await using var client = await ClientAsync(Polling(Status(new RespGetStatus { Status = EspProv.Protocol.Protocomm.Status.InternalError })));

        var error = await Assert.ThrowsAsync<DeviceStatusException>(() => client.WaitForWifiAsync(NoWait, TestContext.Current.CancellationToken));

        Assert.Equal(EspProv.Protocol.Protocomm.Status.InternalError, error.Status);
    }

    [Fact]
    public async Task Rejected_ctrl_reset_is_a_device_status_error()
    {
        var transport = new ScriptedDeviceTransport((endpoint, _) =>
        {
            Assert.Equal("prov-ctrl", endpoint);
            return new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeRespCtrlReset, Status = EspProv.Protocol.Protocomm.Status.InternalError, RespCtrlReset = new RespCtrlReset() }.ToByteArray();
        });
        await using var client = await ClientAsync(transport);

        var error = await Assert.ThrowsAsync<DeviceStatusException>(() => client.ResetWifiAsync(TestContext.Current.CancellationToken));

        Assert.Equal(EspProv.Protocol.Protocomm.Status.InternalError, error.Status);
    }
}
