using System.Text;
using EspProv.Crypto;
using EspProv.Errors;
using EspProv.Flows;
using EspProv.Protocol.WifiProv;
using EspProv.Security;
using EspProv.Tests.Support;

namespace EspProv.Tests.Flows;

/// <summary>
/// Replays Espressif's recordings (esp_prov v5.5.5 against ESP-IDF v5.5.5 device code) with the client's
/// randomness pinned: every prov-session, prov-config, prov-scan, prov-ctrl and custom-data request our
/// client sends must equal esp_prov's bytes, ciphertexts and GCM tags included.
/// </summary>
public sealed class FixtureReplayTests
{
    private static readonly StatusPolling NoWait = new() { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero };

    private static (SessionRequest Session, ProvisioningRequest Request) RequestFor(Fixture fixture)
    {
        var args = fixture.Client.GetProperty("esp_prov_args").EnumerateArray().Select(a => a.GetString()!).ToList();
        string? Arg(string name) => args.IndexOf(name) is var i and >= 0 ? args[i + 1] : null;
        IRandomSource? random = fixture.Pinned("x25519_private_key_hex") is { } key
            ? new FixedRandomSource(Hex.Bytes(key))
            : fixture.Pinned("srp_a_hex") is { } a ? new FixedRandomSource(Hex.Bytes(a)) : null;
        var session = new SessionRequest
        {
            Security = Arg("--sec_ver") is { } s ? (SecurityVersion)int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null,
            ProtocolVersion = Arg("--proto_ver"),
            ProofOfPossession = Arg("--pop"),
            Sec2Username = Arg("--sec2_username"),
            Sec2Password = Arg("--sec2_pwd"),
            Random = random,
        };
        var request = new ProvisioningRequest
        {
            Ssid = Arg("--ssid") is { } ssid ? Encoding.UTF8.GetBytes(ssid) : null,
            Passphrase = Arg("--passphrase"),
            CustomData = Arg("--custom_data"),
            Polling = NoWait,
        };
        return (session, request);
    }

    private static async Task<(ProvisioningResult? Result, Exception? Error, ProvisioningClient Client, ReplayTransport Transport)> RunAsync(string name)
    {
        var fixture = Fixture.Load(name);
        var transport = new ReplayTransport(fixture);
        var client = new ProvisioningClient(transport);
        var provisioner = new Provisioner(client, new ScriptedPrompts(accessPointNumber: 1));
        try
        {
            var (session, request) = RequestFor(fixture);
            return (await provisioner.ProvisionAsync(session, request, TestContext.Current.CancellationToken), null, client, transport);
        }
        catch (ProvException ex)
        {
            return (null, ex, client, transport);
        }
    }

    [Theory]
    [InlineData("sec0")]
    [InlineData("sec0_autodetect")]
    [InlineData("sec1")]
    [InlineData("sec1_no_pop")]
    [InlineData("sec2")]
    public async Task Successful_provisioning_reproduces_every_request(string name)
    {
        var (result, error, _, transport) = await RunAsync(name);
        Assert.Null(error);
        Assert.Equal(0, transport.Remaining);
        Assert.Equal("192.168.1.123", result!.Wifi!.Ip4);
        Assert.Equal("OracleNet", result.Wifi.SsidText);
        Assert.Equal(6, result.Wifi.Channel);
        Assert.Equal(WifiAuthMode.Wpa2Psk, result.Wifi.Auth);
        Assert.Equal("02:00", result.Wifi.BssidText[..5]);
    }

    [Fact]
    public async Task Custom_data_answer_is_returned()
    {
        var (result, _, _, _) = await RunAsync("sec2");
        Assert.Equal("SUCCESS\0"u8.ToArray(), result!.CustomDataResponse);
    }

    [Fact]
    public async Task Wrong_pop_is_reported_as_such()
    {
        var (_, error, _, transport) = await RunAsync("sec1_wrong_pop");
        Assert.IsType<WrongProofOfPossessionException>(error);
        Assert.Equal(0, transport.Remaining);
    }

    [Fact]
    public async Task Wrong_sec2_password_is_reported_as_such()
    {
        var (_, error, _, transport) = await RunAsync("sec2_wrong_password");
        Assert.IsType<WrongSrpCredentialsException>(error);
        Assert.Equal(0, transport.Remaining);
    }

    [Fact]
    public async Task Network_not_found_stops_at_the_first_failed_status()
    {
        var (_, error, _, _) = await RunAsync("sec2_fail_notfound");
        var failure = Assert.IsType<WifiConnectionFailedException>(error);
        Assert.Equal(WifiConnectFailedReason.NetworkNotFound, failure.Reason);
    }

    [Fact]
    public async Task Reset_after_an_auth_failure_continues_the_same_cipher_state()
    {
        var (_, error, client, transport) = await RunAsync("sec2_fail_auth_then_reset");
        Assert.Equal(WifiConnectFailedReason.AuthError, Assert.IsType<WifiConnectionFailedException>(error).Reason);

        // esp_prov polled the failed state until its retry budget ran out; poll as often, then reset.
        while (transport.Remaining > 1)
        {
            var status = await client.GetWifiStatusAsync(TestContext.Current.CancellationToken);
            Assert.Equal(WifiStationState.ConnectionFailed, status.State);
        }

        await client.ResetWifiAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, transport.Remaining);
    }

    [Fact]
    public async Task Reprov_after_success_continues_the_same_cipher_state()
    {
        var (result, error, client, transport) = await RunAsync("sec2_reprov_after_success");
        Assert.Null(error);
        Assert.NotNull(result!.Wifi);
        await client.ReprovisionWifiAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, transport.Remaining);
    }
}
