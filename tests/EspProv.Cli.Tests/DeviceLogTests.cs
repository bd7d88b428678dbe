using System.Net;
using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>The simulator's log says what it does: why it refuses a command, when and why it stops provisioning.</summary>
public sealed class DeviceLogTests
{
    [Theory]
    [InlineData("--reset", "CtrlReset -> InternalError (CtrlReset refused: state is Started, reset only after a failure)")]
    [InlineData("--reprov", "CtrlReprov -> InternalError (CtrlReprov refused: auto-stop is enabled, reprovision only when it is disabled)")]
    public async Task Refused_control_command_logs_the_state_and_the_rule(string control, string logged)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args(control, "--json", "--non-interactive"));

        run.AssertFailure(5, "device_rejected");
        Assert.Contains(logged, sim.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_apply_logs_why_it_is_refused()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Fail = FailureMode.Auth, CleanupDelay = TimeSpan.Zero });
        (await CliRunner.RunAsync(sim.Provision())).AssertFailure(6, "wifi_auth_error");

        var again = await CliRunner.RunAsync(sim.Provision());

        again.AssertFailure(5, "device_rejected");
        Assert.Contains("ApplyConfig -> InternalError (ApplyConfig refused: state is Failed, credentials are applied once per run (reset after a failure first))", sim.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_stop_after_success_is_logged_and_so_is_every_404_after_it()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, CleanupDelay = TimeSpan.Zero });
        (await CliRunner.RunAsync(sim.Provision())).AssertSuccess();
        Assert.Contains("; provisioning stops in 0 s (auto-stop after success)", sim.Log, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri($"http://{sim.ServiceName}/") };
        using var stopped = await http.PostAsync("proto-ver", new ByteArrayContent("---"u8.ToArray()), TestContext.Current.CancellationToken);
        using var unknown = await http.PostAsync("no-such", new ByteArrayContent("---"u8.ToArray()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, stopped.StatusCode);
        Assert.Contains("proto-ver: 404, provisioning has stopped (auto-stop after success)", sim.Log, StringComparison.Ordinal);
        Assert.Contains("no-such: 404, no such endpoint", sim.Log, StringComparison.Ordinal);
    }
}
