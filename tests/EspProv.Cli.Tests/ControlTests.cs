using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>--reset and --reprov: the documented device rules per flavour and auto-stop setting.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task Reset_on_a_started_wifi_prov_device_is_rejected()
    {
        // wifi_provisioning allows CtrlReset only after a failed attempt; a fresh CLI run meets a STARTED device.
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--reset", "--json"));

        run.AssertFailure(5, "device_rejected");
        Assert.Equal(ManagerState.Started, sim.Device.Snapshot.Manager);
    }

    [Fact]
    public async Task Reset_on_a_started_network_prov_device_succeeds()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Flavour = DeviceFlavour.NetworkProvWifi });
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--reset", "--json"));

        var result = run.AssertSuccess();
        Assert.Equal("reset", result.GetProperty("control").GetString());
        Assert.Contains(run.Progress, p => p.GetProperty("stage").GetString() == "control");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Reset_in_human_mode_prints_done()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = DeviceFlavour.NetworkProvWifi });
        var run = await CliRunner.RunAsync(sim.Args("--reset"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("==== Wi-Fi reset done ====", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reprov_after_success_on_a_device_without_auto_stop_succeeds()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec2, NoAutoStop = true });
        var provisioned = await CliRunner.RunAsync(sim.Provision("--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"));
        provisioned.AssertSuccess();
        Assert.Equal(ManagerState.Succeeded, sim.Device.Snapshot.Manager);

        var run = await CliRunner.RunAsync(sim.Args("--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "--reprov", "--json"));

        var result = run.AssertSuccess();
        Assert.Equal("reprov", result.GetProperty("control").GetString());
        Assert.Equal(ManagerState.Started, sim.Device.Snapshot.Manager);

        // The device takes new credentials again.
        var again = await CliRunner.RunAsync(sim.Args("--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "--ssid", "CoffeeShop", "--passphrase", "latte", "--json", "--poll-interval", "0.05"));
        Assert.Equal("CoffeeShop", again.AssertSuccess().GetProperty("ssid").GetString());
        Assert.Equal(2, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Reprov_on_a_device_with_auto_stop_is_rejected()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--reprov", "--json"));

        run.AssertFailure(5, "device_rejected");
    }

    [Fact]
    public async Task Reset_wins_over_reprov()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = DeviceFlavour.NetworkProvWifi });
        var run = await CliRunner.RunAsync(sim.Args("--reset", "--reprov", "--json"));

        Assert.Equal("reset", run.AssertSuccess().GetProperty("control").GetString());
    }
}
