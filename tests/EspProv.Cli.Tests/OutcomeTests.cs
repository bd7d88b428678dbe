using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>How a Wi-Fi attempt ends: connected, each failure, attempts, --retry and --timeout.</summary>
public sealed class OutcomeTests
{
    [Fact]
    public async Task Connected_result_carries_the_connection()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234"));

        var result = run.AssertSuccess();
        Assert.Equal("wifi", result.GetProperty("network").GetString());
        Assert.Equal("OracleNet", result.GetProperty("ssid").GetString());
        Assert.Equal("4f7261636c654e6574", result.GetProperty("ssid_hex").GetString());
        Assert.Equal("02:00:5e:10:00:01", result.GetProperty("bssid").GetString());
        Assert.Equal(6, result.GetProperty("channel").GetInt32());
        Assert.Equal("192.168.1.123", result.GetProperty("ip4").GetString());
        Assert.Equal("WPA2_PSK", result.GetProperty("auth").GetString());
        Assert.Equal(1, result.GetProperty("security").GetInt32());
        var stages = run.Progress.Select(p => p.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["device_info", "session_established", "config_sent", "config_applied"], stages.Where(s => s is not ("status" or "security_selected")).Take(4));
        Assert.Equal("done", stages[^1]);
        Assert.Contains("GetStatus -> Connected", sim.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Output_that_cannot_be_written_is_exit_13_with_its_error_on_stderr(bool json)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        string[] args = [.. sim.Args("--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05"), .. json ? new[] { "--json" } : []];

        // /dev/full: every write fails with "No space left on device", as a full disk does.
        var run = await CliRunner.RunShellAsync($"esp-prov {string.Join(' ', args.Select(CliRunner.ShellQuote))} > /dev/full");

        Assert.True(run.ExitCode == 13, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("esp-prov: error", StringComparison.Ordinal));
        Assert.StartsWith("esp-prov: error (output_failed): Cannot write the output: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help", 13, "output_failed")]
    [InlineData("--version", 13, "output_failed")]
    [InlineData("--json --no-such-flag", 2, "usage")]
    public async Task Help_version_and_usage_errors_survive_stdout_that_cannot_be_written(string args, int exitCode, string error)
    {
        var run = await CliRunner.RunShellAsync($"esp-prov {args} > /dev/full");

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.StartsWith($"esp-prov: error ({error}): ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connected_in_human_mode_prints_the_summary()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("==== Provisioning was successful ====", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Connected to OracleNet (BSSID 02:00:5e:10:00:01, channel 6, WPA2_PSK); device IP 192.168.1.123", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("esp-prov: error", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FailureMode.Auth, 6, "wifi_auth_error")]
    [InlineData(FailureMode.NotFound, 7, "wifi_network_not_found")]
    public async Task Failed_connection_maps_to_its_exit_code(FailureMode fail, int exitCode, string error)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Fail = fail });
        var run = await CliRunner.RunAsync(sim.Provision());

        run.AssertFailure(exitCode, error);
        Assert.Equal(1, sim.Device.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData(FailureMode.Auth, 6, "wifi_auth_error")]
    [InlineData(FailureMode.NotFound, 7, "wifi_network_not_found")]
    public async Task Failed_connection_in_human_mode(FailureMode fail, int exitCode, string error)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Fail = fail });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "x", "--poll-interval", "0.05"));

        run.AssertHumanFailure(exitCode, error);
    }

    [Fact]
    public async Task Connection_attempts_are_reported_with_attempts_remaining()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Fail = FailureMode.Auth, ConnAttempts = 3 });
        var run = await CliRunner.RunAsync(sim.Provision());

        run.AssertFailure(6, "wifi_auth_error");
        var status = run.Progress.Where(p => p.GetProperty("stage").GetString() == "status").Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains(status, m => m.Contains("2 remaining", StringComparison.Ordinal));
        Assert.Contains(status, m => m.Contains("1 remaining", StringComparison.Ordinal));
        Assert.Contains("attempt failed, 2 remaining", sim.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_without_a_terminal_never_resends_the_rejected_passphrase()
    {
        // Only a person can give a new passphrase; sending the rejected one again would only waste time.
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Fail = FailureMode.Auth });
        var run = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234", "--retries", "2"));

        run.AssertFailure(6, "wifi_auth_error");
        Assert.DoesNotContain(run.Progress, p => p.GetProperty("stage").GetString() == "retrying");
        Assert.Equal(1, sim.Count("SetConfig"));
        Assert.Contains("--retry", run.Result.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Contains("--reset", run.Result.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a passphrase that is longer than sixty-four bytes, which no Wi-Fi network accepts at all")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeZ")]
    public async Task A_passphrase_no_network_accepts_is_refused_before_the_device(string passphrase)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", passphrase, "--pop", "abcd1234", "--json"));

        run.AssertFailure(2, "usage");
        Assert.Contains("--passphrase", run.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(sim.Records);
    }

    [Fact]
    public async Task Status_timeout_exits_8()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, ConnectAfterPolls = 1000 });
        var run = await CliRunner.RunAsync(sim.Provision("--timeout", "1"));

        run.AssertFailure(8, "timeout");
        Assert.InRange(run.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(45));
        Assert.Contains(run.Progress, p => p.GetProperty("stage").GetString() == "status");
    }

    [Fact]
    public async Task Transport_sim_provisions_an_in_process_device()
    {
        var run = await CliRunner.RunAsync("--transport", "sim", "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--poll-interval", "0.05");

        var result = run.AssertSuccess();
        Assert.Equal(2, result.GetProperty("security").GetInt32());
        Assert.Equal("192.168.1.123", result.GetProperty("ip4").GetString());
        Assert.Contains("device | ", run.Stderr, StringComparison.Ordinal);
    }
}
