using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>network_provisioning devices: the Wi-Fi build and the Thread build (--dataset_tlvs).</summary>
public sealed class NetworkProvTests
{
    // Active timestamp, channel 15, PAN 0x1234, extended PAN dead00beef00cafe, name "OracleThread", network key.
    private const string Dataset = "0e080000000000010000" + "000300000f" + "01021234" + "0208dead00beef00cafe" + "030c4f7261636c65546872656164" + "051000112233445566778899aabbccddeeff";

    private static Task<SimDevice> ThreadDeviceAsync(FailureMode fail = FailureMode.None) =>
        SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Flavour = DeviceFlavour.NetworkProvThread, Fail = fail });

    private static string[] ThreadArgs(SimDevice sim, params string[] more) =>
        sim.Args(["--pop", "abcd1234", "--json", "--poll-interval", "0.05", .. more]);

    [Fact]
    public async Task Network_prov_wifi_build_provisions()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec2, Flavour = DeviceFlavour.NetworkProvWifi });
        var run = await CliRunner.RunAsync(sim.Provision("--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"));

        var result = run.AssertSuccess();
        Assert.Equal("wifi", result.GetProperty("network").GetString());
        Assert.Equal("192.168.1.123", result.GetProperty("ip4").GetString());
        var info = Assert.Single(run.Progress, p => p.GetProperty("stage").GetString() == "device_info");
        Assert.Equal("netprov-v1.2", info.GetProperty("fields").GetProperty("version").GetString());
        Assert.Contains("wifi_prov", info.GetProperty("fields").GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Thread_dataset_attaches()
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--dataset_tlvs", Dataset));

        var result = run.AssertSuccess();
        Assert.Equal("thread", result.GetProperty("network").GetString());
        Assert.Equal("OracleThread", result.GetProperty("network_name").GetString());
        Assert.Equal(0x1234, result.GetProperty("pan_id").GetInt32());
        Assert.Equal("dead00beef00cafe", result.GetProperty("ext_pan_id").GetString());
        Assert.Equal(15, result.GetProperty("channel").GetInt32());
        Assert.Equal(Convert.FromHexString(Dataset), sim.Device.Snapshot.AppliedCredentials!.ThreadDataset);
    }

    [Fact]
    public async Task Thread_dataset_in_human_mode()
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--dataset-tlvs", Dataset, "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Attached to Thread network OracleThread (PAN 0x1234, channel 15)", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("123")]
    public async Task Dataset_that_is_not_hex_is_a_usage_error(string tlvs)
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--dataset_tlvs", tlvs));

        run.AssertFailure(2, "usage");
        Assert.Empty(sim.Records);
    }

    [Fact]
    public async Task Dataset_with_malformed_tlvs_is_thread_dataset_invalid()
    {
        // The device takes the TLVs at SetThreadConfig and refuses them at ApplyThreadConfig with a bare
        // InternalError; the one GetThreadStatus after it says DatasetInvalid.
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--dataset_tlvs", "000100"));

        run.AssertFailure(10, "thread_dataset_invalid");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
        Assert.Equal(1, sim.Count("ApplyThreadConfig -> InternalError"));
        Assert.Equal(1, sim.Count("GetThreadStatus -> AttachingFailed (DatasetInvalid)"));
    }

    [Theory]
    [InlineData(FailureMode.DatasetInvalid, "thread_dataset_invalid")]
    [InlineData(FailureMode.NotFound, "thread_network_not_found")]
    public async Task Thread_attach_failure_exits_10(FailureMode fail, string error)
    {
        await using var sim = await ThreadDeviceAsync(fail);
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--dataset_tlvs", Dataset));

        run.AssertFailure(10, error);
    }

    [Fact]
    public async Task A_refused_apply_the_status_does_not_explain_stays_device_rejected()
    {
        // A second dataset for a device that already attached: ApplyThreadConfig fails and the status
        // still says Attached, so there is no attach failure to report.
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Flavour = DeviceFlavour.NetworkProvThread, NoAutoStop = true });
        var args = ThreadArgs(sim, "--dataset_tlvs", Dataset);
        (await CliRunner.RunAsync(args)).AssertSuccess();

        var again = await CliRunner.RunAsync(args);

        again.AssertFailure(5, "device_rejected");
        Assert.Equal(1, sim.Device.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData(FailureMode.None, 0)]
    [InlineData(FailureMode.DatasetInvalid, 10)]
    [InlineData(FailureMode.NotFound, 10)]
    public async Task Thread_runs_in_human_mode_never_speak_of_wifi(FailureMode fail, int exitCode)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = DeviceFlavour.NetworkProvThread, Fail = fail });
        var run = await CliRunner.RunAsync(sim.Args("--sec_ver", "0", "--dataset-tlvs", Dataset, "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains("the device is not verified and the Thread dataset travels unencrypted", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wi-fi", (run.Stdout + run.Stderr).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain("wifi", (run.Stdout + run.Stderr).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_row_of_the_thread_scan_table_is_the_network_provisioned()
    {
        // network_provisioning's esp_prov 1.2.4 takes the row after the number typed (and fails on the last).
        await using var sim = await ThreadDeviceAsync();
        const string key = "00112233445566778899aabbccddeeff";

        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--poll-interval", "0.05"), new CliOptions { Terminal = true, Stdin = $"2\r{key}\r" });

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = run.Stdout;

        Assert.Contains("Select Network by number (0 to rescan) :", text, StringComparison.Ordinal);
        Assert.Contains("Neighbour-Mesh", text.Split('\n').Single(l => l.StartsWith("Attached to Thread network", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("0003000014" + "02081122334455667788" + "0510" + key + "0102abcd", Convert.ToHexStringLower(sim.Device.Snapshot.AppliedCredentials!.ThreadDataset!));
    }

    [Fact]
    public async Task Thread_reset_in_human_mode_says_thread_reset()
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--reset"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("==== Thread reset done ====", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Wi-Fi", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_command_thread_flavour_serves_threadprov()
    {
        using var device = await DeviceProcess.StartAsync(1, "--port", "0", "--flavour", "thread", "--exit-when-provisioned");
        var port = Assert.Single(device.Ports);

        var run = await CliRunner.RunAsync("--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--sec2_username", "threadprov", "--sec2_pwd", "abcd1234",
            "--dataset_tlvs", Dataset, "--json", "--poll-interval", "0.05");

        Assert.Equal("OracleThread", run.AssertSuccess().GetProperty("network_name").GetString());
        Assert.Equal(0, await device.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains("Security: 2 (patch 1, username \"threadprov\")", device.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"username\":\"threadprov\"", device.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dataset-invalid", "1", "thread_dataset_invalid", 0)]
    [InlineData("network-not-found", "3", "thread_network_not_found", 2)]
    public async Task Device_command_thread_failures_reach_the_client(string fail, string connectAfter, string error, int attachingPolls)
    {
        using var device = await DeviceProcess.StartAsync(1, "--port", "0", "--flavour", "thread", "--fail", fail, "--connect-after", connectAfter);
        var port = Assert.Single(device.Ports);

        var run = await CliRunner.RunAsync("--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--sec2_username", "threadprov", "--sec2_pwd", "abcd1234",
            "--dataset_tlvs", Dataset, "--json", "--poll-interval", "0.05");

        run.AssertFailure(10, error);
        Assert.Equal(attachingPolls, run.Progress.Count(p => p.TryGetProperty("fields", out var fields) && fields.TryGetProperty("state", out var state) && state.GetString() == "attaching"));
    }

    [Theory]
    [InlineData("thread", "auth", "dataset-invalid or network-not-found")]
    [InlineData("thread", "bogus", "dataset-invalid or network-not-found")]
    [InlineData("wifi-prov", "dataset-invalid", "auth or not-found")]
    [InlineData("network-prov", "dataset-invalid", "auth or not-found")]
    public async Task Device_command_refuses_a_failure_the_flavour_cannot_produce(string flavour, string fail, string offered)
    {
        var run = await CliRunner.RunAsync(["device", "--flavour", flavour, "--fail", fail, "--port", "0"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--fail", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(offered, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_help_names_the_thread_failures_and_username()
    {
        var run = await CliRunner.RunAsync("device", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dataset-invalid", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("network-not-found", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("threadprov", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thread_without_dataset_non_interactive_scans_then_exits_2()
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(ThreadArgs(sim));

        run.AssertFailure(2, "missing_input");
        Assert.Contains(run.Progress, p => p.GetProperty("stage").GetString() == "scanned");
    }

    [Fact]
    public async Task Thread_reset_on_a_started_device_succeeds()
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--reset"));

        Assert.Equal("reset", run.AssertSuccess().GetProperty("control").GetString());
    }
}
