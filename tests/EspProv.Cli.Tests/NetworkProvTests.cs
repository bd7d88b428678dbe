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
        Assert.Contains("wifi_prov", info.GetProperty("fields").GetProperty("capabilities").GetString(), StringComparison.Ordinal);
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
    public async Task Dataset_with_malformed_tlvs_is_rejected_by_the_device()
    {
        await using var sim = await ThreadDeviceAsync();
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--dataset_tlvs", "000100"));

        run.AssertFailure(5, "device_rejected");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData(FailureMode.Auth, "thread_dataset_invalid")]
    [InlineData(FailureMode.NotFound, "thread_network_not_found")]
    public async Task Thread_attach_failure_exits_10(FailureMode fail, string error)
    {
        await using var sim = await ThreadDeviceAsync(fail);
        var run = await CliRunner.RunAsync(ThreadArgs(sim, "--dataset_tlvs", Dataset));

        run.AssertFailure(10, error);
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
