using System.Net;
using System.Net.Sockets;
using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>Failures that say what to do next: the hint names the device's state and the flag that gets out of it.</summary>
public sealed class HintTests
{
    [Fact]
    public async Task A_refused_connection_asks_whether_the_device_runs_and_the_softap_is_joined()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--sec_ver", "0", "--ssid", "x", "--passphrase", "y"], new CliOptions { Timeout = TimeSpan.FromSeconds(60) });

        var line = run.AssertHumanFailure(3, "transport");
        Assert.Contains("softAP", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_on_a_device_that_did_not_fail_explains_when_reset_applies()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--reset", "--json"));

        run.AssertFailure(5, "device_rejected");
        Assert.Contains("last attempt failed", run.Result.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_attempt_on_a_device_holding_the_first_names_reset()
    {
        // The first run leaves the device failed (wrong password); a second run without --reset is refused at ApplyConfig.
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Fail = FailureMode.Auth });
        var first = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234"));
        first.AssertFailure(6, "wifi_auth_error");

        var second = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234"));

        second.AssertFailure(5, "device_rejected");
        Assert.Contains("--reset", second.Result.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_that_stopped_provisioning_is_named_as_such()
    {
        // ESP-IDF stops the provisioning service after a success; its HTTP server then answers 404.
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, CleanupDelay = TimeSpan.Zero });
        (await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234"))).AssertSuccess();
        Assert.True(sim.Device.IsStopped);

        var again = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234"));

        again.AssertFailure(11, "unknown_endpoint");
        Assert.Contains("stopped provisioning", again.Result.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_scheme_the_device_does_not_have_is_not_told_to_use_allow_insecure()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Provision("--sec_ver", "2", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "--allow-insecure"));

        run.AssertFailure(4, "security_downgrade");
        var hint = run.Result.GetProperty("hint").GetString();
        Assert.Contains("--sec_ver", hint, StringComparison.Ordinal);
        Assert.DoesNotContain("--allow-insecure", hint, StringComparison.Ordinal);
    }
}
