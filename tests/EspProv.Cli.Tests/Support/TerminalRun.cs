using System.Diagnostics;
using System.Text;
using EspProv.TestSupport;

namespace EspProv.Cli.Tests.Support;

/// <summary>
/// The CLI on a pseudo-terminal: util-linux <c>script</c> gives it a terminal, so it prompts, and the
/// answers are typed ahead (the terminal buffers them until each prompt reads).
/// </summary>
internal static class TerminalRun
{
    public const string ScriptPath = "/usr/bin/script";

    /// <summary>Skips the calling test where <c>script</c> is missing.</summary>
    public static void SkipUnlessAvailable() => EnvironmentSkip.SkipUnless(File.Exists(ScriptPath), "util-linux script is not installed");

    /// <summary>Runs <c>esp-prov <paramref name="arguments"/></c>, types <paramref name="typed"/>, asserts it succeeded and returns what the terminal showed.</summary>
    public static async Task<string> RunAsync(string arguments, string typed)
    {
        var command = $"'{CliRunner.DotnetPath}' '{CliRunner.DllPath}' {arguments}";
        var info = new ProcessStartInfo(ScriptPath)
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
        await process.StandardInput.WriteAsync(typed);
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
        return text;
    }
}
