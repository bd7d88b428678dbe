using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using EspProv.TestSupport;

namespace EspProv.Ble.Tests.Support;

/// <summary>The finished run of an esp-prov child process.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The stdout lines that are JSON objects (the --json events).</summary>
    public IReadOnlyList<JsonElement> Events => JsonLines(Stdout);

    /// <summary>The stderr lines that are JSON objects: where --json events go once the console transport owns stdout.</summary>
    public IReadOnlyList<JsonElement> StderrEvents => JsonLines(Stderr);

    /// <summary>The last event, which --json makes the result.</summary>
    public JsonElement Result => Events[^1];

    private static List<JsonElement> JsonLines(string text) => text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith('{'))
        .Select(l => JsonDocument.Parse(l).RootElement.Clone())
        .ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the built CLI (<c>dotnet esp-prov.dll</c>) as a child process whose system bus is the bench's private bus
/// (DBUS_SYSTEM_BUS_ADDRESS), stdin redirected, bounded by a timeout after which it is killed and the test fails.
/// </summary>
internal sealed class Cli : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readers;
    private readonly string _commandLine;

    private Cli(Process process, string commandLine, Action<string>? onStdoutLine, Action<string>? onStderrLine)
    {
        _process = process;
        _commandLine = commandLine;
        _readers = Task.WhenAll(
            PumpAsync(process.StandardOutput, _stdout, onStdoutLine),
            PumpAsync(process.StandardError, _stderr, onStderrLine));
    }

    public static string DllPath { get; } = typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EspProvCliDll").Value!;

    public StreamWriter Stdin => _process.StandardInput;

    public static Cli Start(string busAddress, IEnumerable<string> arguments, Action<string>? onStdoutLine = null, Action<string>? onStderrLine = null)
    {
        Assert.True(File.Exists(DllPath), $"The CLI was not built at {DllPath}.");
        var start = NewStartInfo("dotnet", busAddress);
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new Cli(process, string.Join(' ', arguments), onStdoutLine, onStderrLine);
    }

    /// <summary>
    /// Runs the CLI on a pseudo-terminal (util-linux <c>script</c>), so it prompts; what is written to
    /// <see cref="Stdin"/> is typed at the terminal and everything shown (stdout and stderr) is the run's stdout.
    /// Skips the test where <c>script</c> is missing.
    /// </summary>
    public static Cli StartOnTerminal(string busAddress, IEnumerable<string> arguments)
    {
        const string Script = "/usr/bin/script";
        EnvironmentSkip.SkipUnless(File.Exists(Script), "util-linux script is not installed");
        Assert.True(File.Exists(DllPath), $"The CLI was not built at {DllPath}.");
        var command = string.Join(' ', new[] { "dotnet", DllPath }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = NewStartInfo(Script, busAddress);
        foreach (var argument in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm";
        start.Environment["COLUMNS"] = "200";
        var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start.");
        return new Cli(process, string.Join(' ', arguments), null, null);
    }

    private static ProcessStartInfo NewStartInfo(string fileName, string busAddress)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = busAddress;
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Runs to completion with stdin closed (no answers to prompts).</summary>
    public static async Task<CliResult> RunAsync(string busAddress, params string[] arguments)
    {
        await using var cli = Start(busAddress, arguments);
        cli.Stdin.Close();
        return await cli.WaitAsync(DefaultTimeout);
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            await _readers.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Fail($"esp-prov {_commandLine} did not exit within {timeout.TotalSeconds} s.\n--- stdout ---\n{_stdout}\n--- stderr ---\n{_stderr}");
        }

        await _readers.WaitAsync(TimeSpan.FromSeconds(10));
        lock (_stdout)
        {
            lock (_stderr)
            {
                return new CliResult(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
            }
        }
    }

    public string StderrSoFar
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink, Action<string>? onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }

            onLine?.Invoke(line);
        }
    }
}
