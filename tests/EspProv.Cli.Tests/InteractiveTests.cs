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

        // Typed ahead: rescan, then AP 2, then the passphrase.
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--poll-interval", "0.05"), new CliOptions { Terminal = true, Stdin = "0\r2\rguest-pass\r" });

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = run.Stdout;

        Assert.Contains("Select AP by number (0 to rescan) :", text, StringComparison.Ordinal);
        Assert.Contains("OracleNet-Guest", text, StringComparison.Ordinal);
        Assert.Contains("Enter passphrase for OracleNet-Guest : **********", text, StringComparison.Ordinal); // masked
        Assert.Contains("==== Provisioning was successful ====", text, StringComparison.Ordinal);
        Assert.Equal(2, sim.Count("ScanStart"));
        var applied = sim.Device.Snapshot.AppliedCredentials!;
        Assert.Equal("OracleNet-Guest", applied.SsidText);
        Assert.Equal("guest-pass", applied.PassphraseText);
    }
}
