using System.Diagnostics;
using System.Runtime.InteropServices;
using EspProv.Protocol;
using EspProv.Protocol.Protocomm;
using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using Google.Protobuf;

namespace EspProv.Robustness.Tests;

/// <summary>
/// The documented exit codes and JSON errors that only a scripted device, a signal or an injected fault
/// reaches (README "Exit codes"): 1 internal, 9 protocol, 130 cancelled, and the session failures
/// decryption_failed, device_not_verified and session; plus the timing of --request-timeout and --timeout.
/// </summary>
public sealed class CliErrorCodeTests
{
    private static readonly string[] Wifi = ["--ssid", Scenarios.Ssid, "--passphrase", Scenarios.Passphrase];

    private static string[] Sec2(int port, params string[] more) =>
        [.. Scenarios.SoftAp(port, ["--sec_ver", "2", "--sec2_username", Scenarios.Username, "--sec2_pwd", Scenarios.Password, "--json", .. Wifi, .. more])];

    private static string[] Sec0(int port, params string[] more) =>
        [.. Scenarios.SoftAp(port, ["--sec_ver", "0", "--json", .. Wifi, .. more])];

    /// <summary>Rewrites the <paramref name="nth"/> (0-based) reply on <paramref name="endpoint"/> and leaves the others alone.</summary>
    private static Func<int, string, byte[], byte[]> NthReply(string endpoint, int nth, Func<byte[], byte[]> rewrite)
    {
        var seen = 0;
        return (_, e, body) => e == endpoint && seen++ == nth ? rewrite(body) : body;
    }

    private static bool ConfigReached(HostileHttpServer server) => server.Received.Any(r => r.Endpoint == Endpoints.ProvConfig);

    [Fact]
    public async Task An_unexpected_exception_exits_1_internal()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        await using var server = new HostileHttpServer(device);

        var result = await CliRunner.RunAsync(Sec2(server.Port), new CliOptions { Environment = new Dictionary<string, string> { ["ESP_PROV_TEST_FAULT"] = "internal" } });

        result.AssertFailure(1, "internal");
        Assert.Contains("ESP_PROV_TEST_FAULT", result.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(ConfigReached(server));
    }

    [Fact]
    public async Task A_reply_of_the_wrong_message_type_exits_9_protocol()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec0));
        byte[]? setConfigReply = null;
        // ApplyConfig is answered with the SetConfig reply: well-formed, but the wrong message type.
        await using var server = new HostileHttpServer(device)
        {
            Rewrite = (_, endpoint, body) => endpoint != Endpoints.ProvConfig ? body : setConfigReply ??= body,
        };

        var result = await CliRunner.RunAsync(Sec0(server.Port));

        result.AssertFailure(9, "protocol");
    }

    [Fact]
    public async Task A_tampered_encrypted_reply_exits_4_decryption_failed()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        await using var server = new HostileHttpServer(device)
        {
            Rewrite = NthReply(Endpoints.ProvConfig, 0, body =>
            {
                var copy = (byte[])body.Clone();
                copy[copy.Length / 2] ^= 0x01;
                return copy;
            }),
        };

        var result = await CliRunner.RunAsync(Sec2(server.Port));

        result.AssertFailure(4, "decryption_failed");
    }

    [Fact]
    public async Task A_device_that_cannot_prove_the_session_exits_4_device_not_verified_before_any_credentials()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        await using var server = new HostileHttpServer(device)
        {
            // The device's proof (H_AMK) in S2SessionResp1 is wrong: it does not know the verifier.
            Rewrite = NthReply(Endpoints.ProvSession, 1, body =>
            {
                var session = SessionData.Parser.ParseFrom(body);
                var proof = session.Sec2.Sr1.DeviceProof.ToByteArray();
                proof[0] ^= 0x01;
                session.Sec2.Sr1.DeviceProof = ByteString.CopyFrom(proof);
                return session.ToByteArray();
            }),
        };

        var result = await CliRunner.RunAsync(Sec2(server.Port));

        result.AssertFailure(4, "device_not_verified");
        Assert.False(ConfigReached(server));
    }

    [Fact]
    public async Task An_undecodable_session_reply_exits_4_session()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        await using var server = new HostileHttpServer(device)
        {
            Rewrite = NthReply(Endpoints.ProvSession, 0, _ => [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        };

        var result = await CliRunner.RunAsync(Sec2(server.Port));

        result.AssertFailure(4, "session");
        Assert.False(ConfigReached(server));
    }

    [Fact]
    public async Task SIGINT_while_waiting_for_the_device_exits_130_with_a_cancelled_result()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        await using var server = new HostileHttpServer(device, HttpFault.Stall, faultAt: 0);
        // The default request timeout (60 s) is far beyond the bounds below: only the signal can end this run in time.
        await using var process = CliRunner.Start(Sec2(server.Port), new CliOptions { Stdin = string.Empty, DefaultSigint = true, Timeout = TimeSpan.FromSeconds(45) });
        using var bound = Ct.Bounded(45);
        await server.WhenReceived(0).WaitAsync(bound.Token); // the CLI has sent its first request and waits for the reply
        var signalled = Stopwatch.GetTimestamp();
        Assert.True(Kill(process.Id, SigInt) == 0, $"kill(2) failed: errno {Marshal.GetLastPInvokeError()}");

        var result = await process.WaitAsync();
        var afterSignal = Stopwatch.GetElapsedTime(signalled);

        result.AssertFailure(130, "cancelled");
        Assert.Contains("Ctrl+C", result.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(afterSignal < TimeSpan.FromSeconds(20), $"exited {afterSignal.TotalSeconds:0.0} s after SIGINT\n{result}");
    }

    private const int SigInt = 2;

    // libc directly: the kill(1) binary comes with procps, which a minimal Debian lacks.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task Request_timeout_1_against_a_stalling_device_ends_about_1_s_after_the_request()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec0));
        await using var server = new HostileHttpServer(device, HttpFault.Stall, faultAt: 0);

        var result = await CliRunner.RunAsync(Sec0(server.Port, "--request-timeout", "1"));
        var waited = Stopwatch.GetElapsedTime(server.ReceivedAt(0));

        result.AssertFailure(3, "transport_timeout");
        // Timed from the server's side, so process start-up on a loaded machine does not count; a few times
        // the timeout (or a fraction of it) fails.
        Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Timeout_1_for_a_device_that_never_connects_ends_about_1_s_after_apply()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec0) with { ConnectAfterPolls = 1_000_000 });
        await using var server = new HostileHttpServer(device);

        var result = await CliRunner.RunAsync(Sec0(server.Port, "--timeout", "1"));

        result.AssertFailure(8, "timeout");
        // Security 0 requests: proto-ver, session, SetConfig, ApplyConfig (3), then status polls.
        Assert.Equal(Endpoints.ProvConfig, server.Received.Single(r => r.Index == 3).Endpoint);
        var waited = Stopwatch.GetElapsedTime(server.ReceivedAt(3));
        Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.True(server.Requests > 5, $"only {server.Requests} requests: the status was not polled");
    }

    /// <summary>Found while looking for an honest exit 1: each was once reported as internal.</summary>
    public static IEnumerable<TheoryDataRow<string[]>> FormerInternalErrors =>
    [
        // The directory gave UnauthorizedAccessException.
        new(["--transport", "softap", "--service_name", "127.0.0.1:9", "--endpoint", "custom-data", "--data-file", AppContext.BaseDirectory, "--json"])
        {
            TestDisplayName = "A data file that is a directory is a usage error",
        },
        // JsonDocument accepts "\ud800", GetString() threw InvalidOperationException.
        new(["--qrcode", """{"ver":"v1","name":"x","pop":"\ud800","transport":"softap"}""", "--service_name", "127.0.0.1:9", "--json"])
        {
            TestDisplayName = "A qrcode with a lone surrogate is a usage error",
        },
    ];

    [Theory]
    [MemberData(nameof(FormerInternalErrors))]
    public async Task Input_that_once_escaped_as_an_internal_error_is_a_usage_error(string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        result.AssertFailure(2, "usage");
    }
}
