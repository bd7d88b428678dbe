using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>
/// The interactive scan path on a real terminal: util-linux <c>script</c> gives the CLI a pseudo-terminal
/// and the test types the answers (rescan, AP number, passphrase). Skipped where <c>script</c> is missing (a failure under CI).
/// </summary>
public sealed class InteractiveTests
{
    [Fact]
    public async Task Scan_table_rescan_choice_and_passphrase_prompt_on_a_terminal()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });

        // Typed ahead: rescan, then AP 1 (WPA2), a passphrase too short for WPA2, then a good one.
        var text = await OnTerminalAsync(sim, "0\r1\rshort\roracle-pass\r");

        Assert.Contains("Select AP by number (0 to rescan) :", text, StringComparison.Ordinal);
        Assert.Contains("OracleNet-Guest", text, StringComparison.Ordinal);
        Assert.Contains("Enter passphrase for OracleNet : *****", text, StringComparison.Ordinal); // masked
        Assert.Contains("at least 8 characters", text, StringComparison.Ordinal);
        Assert.Contains("==== Provisioning was successful ====", text, StringComparison.Ordinal);
        Assert.Equal(2, sim.Count("ScanStart"));
        Assert.Equal(1, sim.Count("SetConfig"));
        var applied = sim.Device.Snapshot.AppliedCredentials!;
        Assert.Equal("OracleNet", applied.SsidText);
        Assert.Equal("oracle-pass", applied.PassphraseText);
    }

    [Fact]
    public async Task An_open_network_from_the_scan_is_not_asked_for_a_passphrase()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });

        var text = await OnTerminalAsync(sim, "2\r");

        Assert.DoesNotContain("Enter passphrase", text, StringComparison.Ordinal);
        Assert.Contains("==== Provisioning was successful ====", text, StringComparison.Ordinal);
        var applied = sim.Device.Snapshot.AppliedCredentials!;
        Assert.Equal("OracleNet-Guest", applied.SsidText);
        Assert.Equal(string.Empty, applied.PassphraseText);
    }

    private static async Task<string> OnTerminalAsync(SimDevice sim, string typed)
    {
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--poll-interval", "0.05"), new CliOptions { Terminal = true, Stdin = typed });
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout;
    }
}
