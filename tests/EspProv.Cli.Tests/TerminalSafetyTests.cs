using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>
/// Text a device controls (here the connected SSID it reports back) never drives the terminal in human
/// output: escape sequences, CR, BEL and bidi overrides are shown as visible escapes. JSON stays lossless.
/// </summary>
public sealed class TerminalSafetyTests
{
    // ESC ] 0 ; title BEL (sets the window title), CR (overwrites the line), ESC [ 2 J (clears the screen), U+202E.
    private const string HostileSsid = "\u001b]0;owned\u0007\rA\u001b[2J\u202eB";

    private static string SsidHex => Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(HostileSsid));

    [Fact]
    public async Task A_hostile_ssid_is_escaped_in_human_output()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid-hex", SsidHex, "--passphrase", "x", "--pop", "abcd1234", "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = run.Stdout + run.Stderr;
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain('\u202e', output);
        Assert.Contains(@"\x1b]0;owned\x07\x0dA\x1b[2J\u202eB", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_keeps_the_ssid_exactly()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid-hex", SsidHex, "--passphrase", "x", "--pop", "abcd1234", "--poll-interval", "0.05", "--json"));

        var result = run.AssertSuccess();
        Assert.Equal(HostileSsid, result.GetProperty("ssid").GetString());
        Assert.Equal(SsidHex, result.GetProperty("ssid_hex").GetString());
    }
}
