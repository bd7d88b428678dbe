using System.Diagnostics;
using System.Text;
using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.TestSupport;

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
        const string scriptPath = "/usr/bin/script";
        EnvironmentSkip.SkipUnless(File.Exists(scriptPath), "util-linux script is not installed");
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var command = $"'{CliRunner.DotnetPath}' '{CliRunner.DllPath}' --transport softap --service_name {sim.ServiceName} --pop abcd1234 --poll-interval 0.05";
        var info = new ProcessStartInfo(scriptPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "-qec", command, "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["TERM"] = "xterm";
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Typed ahead; the terminal buffers it until each prompt reads: rescan, then AP 2, then the passphrase.
        await process.StandardInput.WriteAsync("0\r2\rguest-pass\r");
        await process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            CliRunner.KillTree(process);
            Assert.Fail($"interactive run did not finish within 60 s\n{await output}\n{await errors}");
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await errors}");
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
