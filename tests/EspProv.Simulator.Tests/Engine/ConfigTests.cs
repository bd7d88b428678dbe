using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Engine;

public sealed class ConfigTests
{
    private static SimulatedDevice Device(DeviceOptions? options = null, TimeProvider? time = null) =>
        new((options ?? new DeviceOptions()) with { Security = SecurityVersion.Sec0 }, time: time);

    private static async Task<string> Config(SimulatedDevice device, byte[] request) =>
        Hex.Of(await device.HandleAsync(Endpoints.ProvConfig, 0, request, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Spec_11_4_set_config_request_is_accepted()
    {
        using var device = Device();
        Assert.Equal("08036a00", await Config(device, Hex.Bytes("080262140a066d7973736964120a6d7970617373776f7264")));
        Assert.Equal("08057a00", await Config(device, Messages.ApplyConfig));
        Assert.Equal("myssid", device.Snapshot.AppliedCredentials!.SsidText);
        Assert.Equal("mypassword", device.Snapshot.AppliedCredentials!.PassphraseText);
        Assert.DoesNotContain("mypassword", device.Snapshot.AppliedCredentials!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(33, 8, 0)]
    [InlineData(8, 64, 0)]
    [InlineData(8, 8, 5)]
    [InlineData(8, 8, 7)]
    public async Task Out_of_range_fields_get_invalid_argument(int ssidLength, int passLength, int bssidLength)
    {
        using var device = Device();
        var request = Messages.SetConfig(new byte[ssidLength].Select(_ => (byte)'a').ToArray(), new byte[passLength].Select(_ => (byte)'p').ToArray(), new byte[bssidLength]);
        Assert.Equal("08036a020804", await Config(device, request));
        Assert.Equal("08057a020805", await Config(device, Messages.ApplyConfig));
        Assert.False(device.Snapshot.ReceivedCredentials);
    }

    [Fact]
    public async Task Limits_are_inclusive_and_bssid_channel_are_accepted_but_ignored()
    {
        using var device = Device();
        var ssid = new string('s', 32);
        var pass = new string('p', 63);
        Assert.Equal("08036a00", await Config(device, Messages.SetConfig(ssid, pass, [1, 2, 3, 4, 5, 6])));
        Assert.Equal("08036a00", await Config(device, Messages.SetConfig("open", string.Empty)));
        Assert.Equal("08057a00", await Config(device, Messages.ApplyConfig));
        Assert.Equal("open", device.Snapshot.AppliedCredentials!.SsidText);
    }

    [Fact]
    public async Task Drop_link_on_apply_refuses_the_first_applies_and_then_takes_the_credentials()
    {
        using var device = Device(new DeviceOptions { DropLinkOnApply = 2 });
        for (var dropped = 1; dropped <= 2; dropped++)
        {
            await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
            var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => Config(device, Messages.ApplyConfig));
            Assert.Equal(DeviceFailureReason.LinkDropped, failure.Reason);
            Assert.False(device.Snapshot.ReceivedCredentials);
        }

        await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
        Assert.Equal("08057a00", await Config(device, Messages.ApplyConfig));
        Assert.Equal("OracleNet", device.Snapshot.AppliedCredentials!.SsidText);
    }

    [Fact]
    public async Task Apply_without_set_and_second_apply_are_internal_errors()
    {
        using var device = Device();
        Assert.Equal("08057a020805", await Config(device, Messages.ApplyConfig));
        await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
        Assert.Equal("08057a00", await Config(device, Messages.ApplyConfig));
        await Config(device, Messages.SetConfig("OracleNet", "other"));
        Assert.Equal("08057a020805", await Config(device, Messages.ApplyConfig));
        Assert.Equal(1, device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Connected_status_carries_ip_auth_ssid_bssid_channel()
    {
        using var device = Device(new DeviceOptions { ConnectAfterPolls = 1 });
        await Config(device, Messages.SetConfig("CoffeeShop", "latte"));
        await Config(device, Messages.ApplyConfig);
        var status = NetworkConfigPayload.Parser.ParseFrom(Hex.Bytes(await Config(device, Messages.GetStatus))).RespGetWifiStatus;
        Assert.Equal(WifiStationState.Connected, status.WifiStaState);
        Assert.Equal("192.168.1.123", status.WifiConnected.Ip4Addr);
        Assert.Equal(WifiAuthMode.WpaWpa2Psk, status.WifiConnected.AuthMode);
        Assert.Equal("CoffeeShop", status.WifiConnected.Ssid.ToStringUtf8());
        Assert.Equal("02005e100003", Hex.Of(status.WifiConnected.Bssid.Span));
        Assert.Equal(1, status.WifiConnected.Channel);
        Assert.Equal(ManagerState.Succeeded, device.Snapshot.Manager);
    }

    [Theory]
    [InlineData(FailureMode.Auth, "08015a0410035000")]
    [InlineData(FailureMode.NotFound, "08015a0410035001")]
    public async Task Failures_report_connection_failed_with_the_reason_and_stay_there(FailureMode fail, string expected)
    {
        using var device = Device(new DeviceOptions { Fail = fail });
        await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
        await Config(device, Messages.ApplyConfig);
        Assert.Equal("08015a021001", await Config(device, Messages.GetStatus));
        Assert.Equal(expected, await Config(device, Messages.GetStatus));
        Assert.Equal(expected, await Config(device, Messages.GetStatus));
        Assert.Equal(ManagerState.Failed, device.Snapshot.Manager);
    }

    [Fact]
    public async Task Connection_attempts_count_down_before_the_final_failure()
    {
        using var device = Device(new DeviceOptions { Fail = FailureMode.Auth, ConnAttempts = 3, ConnectAfterPolls = 1 });
        await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
        await Config(device, Messages.ApplyConfig);
        Assert.Equal("08015a06100162020802", await Config(device, Messages.GetStatus));
        Assert.Equal("08015a06100162020801", await Config(device, Messages.GetStatus));
        Assert.Equal("08015a0410035000", await Config(device, Messages.GetStatus));
    }

    [Fact]
    public async Task Wifi_prov_keeps_the_attempt_counter_across_reset_but_network_prov_clears_it()
    {
        foreach (var (flavour, expectedAfterReset) in new[] { (DeviceFlavour.WifiProv, "08015a0410035000"), (DeviceFlavour.NetworkProvWifi, "08015a06100162020801") })
        {
            using var device = Device(new DeviceOptions { Fail = FailureMode.Auth, ConnAttempts = 2, ConnectAfterPolls = 1, Flavour = flavour });
            await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
            await Config(device, Messages.ApplyConfig);
            await Config(device, Messages.GetStatus);
            Assert.Equal("08015a0410035000", await Config(device, Messages.GetStatus));
            Assert.Equal("08026200", Hex.Of(await device.HandleAsync(Endpoints.ProvCtrl, 0, Messages.CtrlReset, TestContext.Current.CancellationToken)));
            await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
            await Config(device, Messages.ApplyConfig);
            Assert.Equal(expectedAfterReset, await Config(device, Messages.GetStatus));
        }
    }

    [Fact]
    public async Task Connect_after_a_time_span_uses_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        using var device = Device(new DeviceOptions { ConnectAfter = TimeSpan.FromSeconds(3) }, time);
        await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
        await Config(device, Messages.ApplyConfig);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("08015a021001", await Config(device, Messages.GetStatus));
        }

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.StartsWith("08015a285a26", await Config(device, Messages.GetStatus), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_connected_stops_the_service_after_the_cleanup_delay()
    {
        var time = new ManualTimeProvider();
        using var device = Device(new DeviceOptions { ConnectAfterPolls = 1 }, time);
        await Config(device, Messages.SetConfig("OracleNet", "secretpass"));
        await Config(device, Messages.ApplyConfig);
        await Config(device, Messages.GetStatus);
        Assert.False(device.IsStopped);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(device.IsStopped);
        await Config(device, Messages.GetStatus);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(device.IsStopped);
        Assert.Equal(ManagerState.Stopped, device.Snapshot.Manager);
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProtoVer, 0, new byte[] { 1 }, TestContext.Current.CancellationToken));
        Assert.Equal(DeviceFailureReason.ProvisioningStopped, failure.Reason);
    }

    [Fact]
    public async Task Success_stops_the_service_but_not_with_no_auto_stop()
    {
        var time = new ManualTimeProvider();
        using var device = Device(new DeviceOptions { ConnectAfter = TimeSpan.Zero }, time);
        using var keeper = Device(new DeviceOptions { ConnectAfterPolls = 1, NoAutoStop = true }, time);
        foreach (var d in new[] { device, keeper })
        {
            await Config(d, Messages.SetConfig("OracleNet", "secretpass"));
            await Config(d, Messages.ApplyConfig);
            await Config(d, Messages.GetStatus);
        }

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(device.IsStopped);
        Assert.False(keeper.IsStopped);
    }

    [Theory]
    [InlineData("0801")]
    [InlineData("0806")]
    [InlineData("0808")]
    [InlineData("08 02")]
    [InlineData("ffff")]
    public async Task Unknown_commands_missing_payloads_and_garbage_fail_the_request(string hex)
    {
        using var device = Device();
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvConfig, 0, Hex.Bytes(hex), TestContext.Current.CancellationToken));
        Assert.Contains(failure.Reason, new[] { DeviceFailureReason.UnknownCommand, DeviceFailureReason.MalformedRequest });
    }

    [Fact]
    public async Task Unknown_ssid_still_connects_on_a_made_up_access_point()
    {
        using var device = Device(new DeviceOptions { ConnectAfterPolls = 1 });
        await Config(device, Messages.SetConfig("myssid", string.Empty));
        await Config(device, Messages.ApplyConfig);
        var status = NetworkConfigPayload.Parser.ParseFrom(Hex.Bytes(await Config(device, Messages.GetStatus))).RespGetWifiStatus;
        Assert.Equal("myssid", status.WifiConnected.Ssid.ToStringUtf8());
        Assert.Equal(WifiAuthMode.Open, status.WifiConnected.AuthMode);
    }
}
