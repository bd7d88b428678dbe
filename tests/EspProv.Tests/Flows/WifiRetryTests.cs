using EspProv.Errors;
using EspProv.Flows;
using EspProv.Protocol.WifiProv;
using EspProv.Testing.Transports;
using EspProv.Tests.Support;
using Google.Protobuf;

namespace EspProv.Tests.Flows;

/// <summary>--retry in the library: a rejected passphrase is never sent again, only a new one from a person.</summary>
public sealed class WifiRetryTests
{
    private const string Right = "right-passphrase";

    private static readonly StatusPolling NoWait = new() { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A security 0 Wi-Fi device that connects with <see cref="Right"/> and fails authentication with anything else.</summary>
    private sealed class PasswordDevice
    {
        public List<string> Passphrases { get; } = [];

        public int Resets { get; private set; }

        public ScriptedDeviceTransport Transport => new((endpoint, request) =>
        {
            switch (endpoint)
            {
                case "proto-ver":
                    return """{"prov":{"ver":"v1.1","sec_ver":0,"cap":["no_sec","wifi_scan"]}}"""u8.ToArray();
                case "prov-ctrl":
                    Resets++;
                    return new EspProv.Protocol.NetworkProv.NetworkCtrlPayload { Msg = EspProv.Protocol.NetworkProv.NetworkCtrlMsgType.TypeRespCtrlWifiReset }.ToByteArray();
            }

            var config = WiFiConfigPayload.Parser.ParseFrom(request);
            var reply = new WiFiConfigPayload { Msg = config.Msg + 1 };
            switch (config.Msg)
            {
                case WiFiConfigMsgType.TypeCmdSetConfig:
                    Passphrases.Add(config.CmdSetConfig.Passphrase.ToStringUtf8());
                    reply.RespSetConfig = new RespSetConfig();
                    break;
                case WiFiConfigMsgType.TypeCmdApplyConfig:
                    reply.RespApplyConfig = new RespApplyConfig();
                    break;
                default:
                    reply.RespGetStatus = Passphrases[^1] == Right
                        ? new RespGetStatus { StaState = WifiStationState.Connected, Connected = new WifiConnectedState { Ip4Addr = "192.168.1.123", Ssid = ByteString.CopyFromUtf8("OracleNet"), Bssid = ByteString.CopyFrom(new byte[6]) } }
                        : new RespGetStatus { StaState = WifiStationState.ConnectionFailed, FailReason = WifiConnectFailedReason.AuthError };
                    break;
            }

            return reply.ToByteArray();
        });
    }

    private static ProvisioningRequest Request(string passphrase, int retries) =>
        new() { Ssid = "OracleNet"u8.ToArray(), Passphrase = passphrase, PassphraseRetries = retries, Polling = NoWait };

    [Fact]
    public async Task A_new_passphrase_is_asked_and_tried_after_a_reset()
    {
        var device = new PasswordDevice();
        await using var client = new ProvisioningClient(device.Transport);
        var prompts = new ScriptedPrompts(1, "wrong-again", Right);
        var provisioner = new Provisioner(client, prompts);
        var events = new List<ProvisioningEvent>();
        provisioner.Progress += events.Add;

        var result = await provisioner.ProvisionAsync(new SessionRequest(), Request("wrong-passphrase", retries: 2), TestContext.Current.CancellationToken);

        Assert.Equal("192.168.1.123", result.Wifi!.Ip4);
        Assert.Equal(["wrong-passphrase", "wrong-again", Right], device.Passphrases);
        Assert.Equal(2, device.Resets);
        Assert.Equal(["passphrase for OracleNet (retry)", "passphrase for OracleNet (retry)"], prompts.Asked);
        Assert.Equal(
            ["Wi-Fi connection failed: incorrect password (authentication error). Retrying: 2 attempts left.", "Wi-Fi connection failed: incorrect password (authentication error). Retrying: 1 attempt left."],
            events.OfType<Retrying>().Select(r => r.Message));
    }

    [Fact]
    public async Task The_rejected_passphrase_typed_again_is_not_resent()
    {
        var device = new PasswordDevice();
        await using var client = new ProvisioningClient(device.Transport);

        var error = await Assert.ThrowsAsync<WifiConnectionFailedException>(() =>
            new Provisioner(client, new ScriptedPrompts(1, "wrong-passphrase")).ProvisionAsync(new SessionRequest(), Request("wrong-passphrase", retries: 3), TestContext.Current.CancellationToken));

        Assert.Equal(["wrong-passphrase"], device.Passphrases);
        Assert.Equal(0, device.Resets);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task When_every_attempt_fails_the_error_counts_them()
    {
        var device = new PasswordDevice();
        await using var client = new ProvisioningClient(device.Transport);

        var error = await Assert.ThrowsAsync<WifiConnectionFailedException>(() =>
            new Provisioner(client, new ScriptedPrompts(1, "wrong-2", "wrong-3")).ProvisionAsync(new SessionRequest(), Request("wrong-1", retries: 2), TestContext.Current.CancellationToken));

        Assert.Equal(["wrong-1", "wrong-2", "wrong-3"], device.Passphrases);
        Assert.Equal(3, error.Attempts);
        Assert.EndsWith("after 3 attempts.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_anyone_to_ask_there_is_no_retry()
    {
        var device = new PasswordDevice();
        await using var client = new ProvisioningClient(device.Transport);

        var error = await Assert.ThrowsAsync<WifiConnectionFailedException>(() =>
            new Provisioner(client).ProvisionAsync(new SessionRequest(), Request("wrong-passphrase", retries: 3), TestContext.Current.CancellationToken));

        Assert.Equal(["wrong-passphrase"], device.Passphrases);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData("short", WifiAuthMode.Wpa2Psk, "at least 8")]
    [InlineData("", WifiAuthMode.Wpa3Psk, "at least 8")]
    [InlineData("this passphrase is far too long for any network: over sixty-four bytes in all", null, "at most 64")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", null, "hex digits")]
    public void Passphrases_no_network_takes_are_named(string passphrase, WifiAuthMode? auth, string problem) =>
        Assert.Contains(problem, WifiPassphrase.Problem(passphrase, auth), StringComparison.Ordinal);

    [Theory]
    [InlineData("", WifiAuthMode.Open)]
    [InlineData("", null)]
    [InlineData("12345678", WifiAuthMode.Wpa2Psk)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", WifiAuthMode.WpaWpa2Psk)]
    public void Passphrases_a_network_may_take_pass(string passphrase, WifiAuthMode? auth) =>
        Assert.Null(WifiPassphrase.Problem(passphrase, auth));
}
