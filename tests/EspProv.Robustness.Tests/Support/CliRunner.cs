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

    public static async Task<Result> RunAsync(IEnumerable<string> args, double timeoutSeconds = 60, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
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

    /// <summary>
    /// Starts the CLI with stdin closed; the caller reads its output and waits for it. With
    /// <paramref name="defaultSigint"/> it starts through <c>env --default-signal=INT</c>: a child inherits an
    /// ignored SIGINT (as under a shell's background job), and the runtime then keeps ignoring it.
    /// </summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, bool defaultSigint = false)
    {
        var info = new ProcessStartInfo(defaultSigint ? "env" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (defaultSigint)
        {
            // env execs dotnet, so the process id stays the one to signal.
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "esp-prov.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>The last stdout line, which must be the JSON result object.</summary>
    public static System.Text.Json.JsonElement ResultLine(Result result)
    {
        var last = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.True(last is not null, result.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(last);
        var element = document.RootElement.Clone();
        Assert.Equal("result", element.GetProperty("event").GetString());
        return element;
    }

    /// <summary>Asserts the exit code and a JSON failure result with the same code and this error.</summary>
    public static void AssertFailure(Result result, int exitCode, string error)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        var line = ResultLine(result);
        Assert.Equal("failed", line.GetProperty("status").GetString());
        Assert.Equal(error, line.GetProperty("error").GetString());
        Assert.Equal(exitCode, line.GetProperty("exit_code").GetInt32());
    }

    /// <summary>The arguments of a softAP run against <paramref name="port"/> on loopback.</summary>
    public static List<string> SoftAp(int port, params string[] more) =>
        ["--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--non-interactive", "--poll-interval", "0.05", .. more];
}
