using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace EspProv.Cli.Tests.Support;

/// <summary>What one <c>esp-prov</c> run produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Every stdout line, each parsed as JSON (asserting that each one parses).</summary>
    public IReadOnlyList<JsonElement> JsonLines
    {
        get
        {
            var lines = Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.NotEmpty(lines);
            var parsed = new List<JsonElement>();
            foreach (var line in lines)
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    parsed.Add(document.RootElement.Clone());
                }
                catch (JsonException ex)
                {
                    Assert.Fail($"stdout line is not JSON ({ex.Message}): {line}\n{this}");
                }
            }

            return parsed;
        }
    }

    /// <summary>The last stdout line, which must be the result object.</summary>
    public JsonElement Result
    {
        get
        {
            var last = JsonLines[^1];
            Assert.Equal("result", last.GetProperty("event").GetString());
            return last;
        }
    }

    /// <summary>The progress events.</summary>
    public IEnumerable<JsonElement> Progress => JsonLines.Where(e => e.GetProperty("event").GetString() == "progress");

    /// <summary>Asserts a JSON failure with this exit code and error code.</summary>
    public void AssertFailure(int exitCode, string error)
    {
        Assert.True(exitCode == ExitCode, $"expected exit {exitCode}, got {ExitCode}\n{this}");
        var result = Result;
        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Equal(error, result.GetProperty("error").GetString());
        Assert.Equal(exitCode, result.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetString()));
    }

    /// <summary>Asserts a JSON success and returns the result object.</summary>
    public JsonElement AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"expected exit 0, got {ExitCode}\n{this}");
        var result = Result;
        Assert.Equal("success", result.GetProperty("status").GetString());
        return result;
    }

    /// <summary>Asserts a human-mode failure: the exit code and one <c>esp-prov: error (code): …</c> line on stderr.</summary>
    public string AssertHumanFailure(int exitCode, string error)
    {
        Assert.True(exitCode == ExitCode, $"expected exit {exitCode}, got {ExitCode}\n{this}");
        var errorLines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("esp-prov: error (", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errorLines);
        Assert.StartsWith($"esp-prov: error ({error}): ", line, StringComparison.Ordinal);
        return line;
    }

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the real CLI (<c>dotnet esp-prov.dll …</c>) as a child process with every stream redirected.</summary>
internal static class CliRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string> Dll = new(() =>
    {
        var candidate = Path.Combine(AppContext.BaseDirectory, "esp-prov.dll");
        Assert.True(File.Exists(candidate), $"esp-prov.dll not found next to the tests ({candidate})");
        return candidate;
    });

    /// <summary>The dotnet host running the tests.</summary>
    public static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The CLI assembly next to the tests.</summary>
    public static string DllPath => Dll.Value;

    /// <summary>A start-info for the CLI with every stream redirected (so it is non-interactive).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(DotnetPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Dll.Value);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["DOTNET_TieredPGO"] = "0"; // short-lived processes: PGO instrumentation only costs CPU
        return info;
    }

    public static Process Start(IEnumerable<string> args) =>
        Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("dotnet did not start");

    /// <summary>
    /// Runs the CLI to completion. stdin stays open (and silent) until the process exits unless
    /// <paramref name="stdin"/> is given, so a run that would wait for input hangs and hits the timeout.
    /// </summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var info = StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            Assert.Fail($"esp-prov {string.Join(' ', args)} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        var result = new CliResult(process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine($"esp-prov {string.Join(' ', args)}\n{result}");
        return result;
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null, null);

    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
