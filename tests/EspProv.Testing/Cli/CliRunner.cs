using System.Diagnostics;
using System.Text;

namespace EspProv.Testing.Cli;

/// <summary>
/// Runs the real CLI (<c>dotnet esp-prov.dll …</c>, copied next to the tests by their project reference) as a
/// child process: its console is process-global, so only a child process shows what a user would see.
/// </summary>
public static class CliRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>util-linux <c>script</c>, which gives a child a pseudo-terminal.</summary>
    public const string ScriptPath = "/usr/bin/script";

    private static readonly Lazy<string> Dll = new(() =>
    {
        var candidate = Path.Combine(AppContext.BaseDirectory, "esp-prov.dll");
        Assert.True(File.Exists(candidate), $"esp-prov.dll not found next to the tests ({candidate}): the test project must reference src/EspProv.Cli");
        return candidate;
    });

    /// <summary>The dotnet host running the tests, so that the CLI runs on the same runtime.</summary>
    public static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static string DllPath => Dll.Value;

    /// <summary>Runs the CLI to completion (see <see cref="CliOptions"/>) and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, CliOptions? options = null)
    {
        await using var process = Start(args, options);
        return await process.WaitAsync();
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>
    /// Starts the CLI and reads both streams in the background; the caller may type on
    /// <see cref="CliProcess.Stdin"/>, watch lines as they come, and then waits for the result.
    /// </summary>
    public static CliProcess Start(IEnumerable<string> args, CliOptions? options = null, Action<string>? onStdoutLine = null, Action<string>? onStderrLine = null)
    {
        options ??= new CliOptions();
        var list = args.ToList();
        var process = Process.Start(StartInfo(list, options)) ?? throw new InvalidOperationException("the CLI did not start");
        return new CliProcess(process, string.Join(' ', list), options, onStdoutLine, onStderrLine);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with <c>bash -c</c>, where <c>esp-prov</c> is a function running this CLI:
    /// for commands exactly as the README or a banner writes them (pipes, FIFOs, quoting included).
    /// </summary>
    public static async Task<CliResult> RunShellAsync(string script, CliOptions? options = null)
    {
        options ??= new CliOptions();
        var info = NewStartInfo("bash");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"esp-prov() {{ {ShellQuote(DotnetPath)} {ShellQuote(Dll.Value)} \"$@\"; }}\n{script}");
        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        await using var process = new CliProcess(Process.Start(info) ?? throw new InvalidOperationException("bash did not start"), script, options, null, null);
        return await process.WaitAsync();
    }

    /// <summary>
    /// Starts the CLI with every stream redirected and left to the caller, for tests that wire its streams to
    /// another process or host; stdin is neither written nor closed.
    /// </summary>
    public static Process StartProcess(IEnumerable<string> args, CliOptions? options = null) =>
        Process.Start(StartInfo(args.ToList(), options ?? new CliOptions())) ?? throw new InvalidOperationException("the CLI did not start");

    /// <summary>Kills the process and its children if it still runs; for cleanup, so it never throws.</summary>
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

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> args, CliOptions options)
    {
        string[] command = [DotnetPath, Dll.Value, .. args];
        ProcessStartInfo info;
        if (options.Terminal)
        {
            EnvironmentSkip.SkipUnless(File.Exists(ScriptPath), "util-linux script is not installed");
            info = NewStartInfo(ScriptPath);
            info.ArgumentList.Add("-qec");
            info.ArgumentList.Add(string.Join(' ', command.Select(ShellQuote)));
            info.ArgumentList.Add("/dev/null");
            info.Environment["TERM"] = "xterm";
            info.Environment["COLUMNS"] = "200";
        }
        else if (options.DefaultSigint)
        {
            info = NewStartInfo("env");
            info.ArgumentList.Add("--default-signal=INT");
            foreach (var part in command)
            {
                info.ArgumentList.Add(part);
            }
        }
        else
        {
            info = NewStartInfo(command[0]);
            foreach (var part in command.Skip(1))
            {
                info.ArgumentList.Add(part);
            }
        }

        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static ProcessStartInfo NewStartInfo(string fileName)
    {
        var info = new ProcessStartInfo(fileName)
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
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["DOTNET_TieredPGO"] = "0"; // short-lived processes: PGO instrumentation only costs CPU
        return info;
    }

    public static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
