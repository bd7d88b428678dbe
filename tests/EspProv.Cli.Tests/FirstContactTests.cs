using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>What a newcomer meets first: --help, a mistyped value, the success summary, the waiting line.</summary>
public sealed class FirstContactTests
{
    [Fact]
    public async Task Help_ends_with_examples_and_the_exit_codes()
    {
        var run = await CliRunner.RunAsync(["--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var examples = run.Stdout.IndexOf("Examples:", StringComparison.Ordinal);
        var exitCodes = run.Stdout.IndexOf("Exit codes:", StringComparison.Ordinal);
        Assert.True(examples > run.Stdout.IndexOf("--transport", StringComparison.Ordinal) && exitCodes > examples, run.Stdout);
        Assert.Contains("--transport sim --ssid MyNetwork", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("130 cancelled", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout", "soon", "as a number")]
    [InlineData("--channel", "six", "as a whole number")]
    public async Task A_mistyped_value_names_the_kind_expected_not_a_dotnet_type(string option, string value, string expected)
    {
        var run = await CliRunner.RunAsync(["--transport", "sim", option, value]);

        var line = run.AssertHumanFailure(2, "usage");
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_is_said_once()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "secret123", "--pop", "abcd1234", "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(run.Stdout.Split('\n'), l => l.Contains("OracleNet", StringComparison.Ordinal) && l.Contains("192.168.1.123", StringComparison.Ordinal));
        Assert.Single(run.Stdout.Split('\n'), l => l.Contains("successful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_terminal_the_polls_rewrite_one_connecting_line()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, ConnectAfterPolls = 4 });
        var run = await CliRunner.RunAsync(
            sim.Args("--ssid", "OracleNet", "--passphrase", "secret123", "--pop", "abcd1234", "--poll-interval", "0.05"),
            new CliOptions { Terminal = true, Stdin = string.Empty });

        Assert.True(run.ExitCode == 0, run.ToString());
        var connecting = Assert.Single(run.Stdout.Split('\n'), l => l.Contains("Connecting…", StringComparison.Ordinal));
        Assert.True(connecting.Split('\r').Count(part => part.Contains("Connecting…", StringComparison.Ordinal)) >= 3, connecting);
        Assert.Contains("==== Provisioning was successful ====", run.Stdout, StringComparison.Ordinal);
    }
}
