using System.Diagnostics;

namespace EspProv.Robustness.Tests.Support;

/// <summary>Runs the real CLI (<c>dotnet esp-prov.dll</c>, copied next to the tests) as a child process, bounded in time.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + "\n" + StdErr;

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, double timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "esp-prov.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = Ct.Bounded(timeoutSeconds);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The arguments of a softAP run against <paramref name="port"/> on loopback.</summary>
    public static List<string> SoftAp(int port, params string[] more) =>
        ["--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--non-interactive", "--poll-interval", "0.05", .. more];
}
