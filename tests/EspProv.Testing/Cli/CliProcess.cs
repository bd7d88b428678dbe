using System.Diagnostics;
using System.Text;

namespace EspProv.Testing.Cli;

/// <summary>
/// A started <c>esp-prov</c> child process (<see cref="CliRunner.Start"/>). Both streams are read from the
/// start, so a chatty child never blocks on a full pipe; disposing kills it if it still runs.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    // After the process exits its pipes close at once; this only bounds a grandchild that kept them open.
    private static readonly TimeSpan ReaderGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _commandLine;
    private readonly CliOptions _options;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readers;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    internal CliProcess(Process process, string commandLine, CliOptions options, Action<string>? onStdoutLine, Action<string>? onStderrLine)
    {
        _process = process;
        _commandLine = commandLine;
        _options = options;
        _readers = Task.WhenAll(
            PumpAsync(process.StandardOutput, _stdout, onStdoutLine),
            PumpAsync(process.StandardError, _stderr, onStderrLine));
        if (options.Stdin is { } input)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Flush();
            if (!options.Terminal)
            {
                process.StandardInput.Close();
            }
        }
    }

    /// <summary>For signals.</summary>
    public int Id => _process.Id;

    public StreamWriter Stdin => _process.StandardInput;

    public string StdoutSoFar => Snapshot(_stdout);

    public string StderrSoFar => Snapshot(_stderr);

    /// <summary>Waits for the exit; past <paramref name="timeout"/> (default: the options' timeout) kills it and fails the test.</summary>
    public async Task<CliResult> WaitAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? _options.Timeout;
        try
        {
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Kill();
            await _readers.WaitAsync(ReaderGrace);
            Assert.Fail($"esp-prov {_commandLine} did not exit within {limit.TotalSeconds} s\n--- stdout ---\n{StdoutSoFar}\n--- stderr ---\n{StderrSoFar}");
        }

        await _readers.WaitAsync(ReaderGrace);
        // On a terminal the line discipline writes each "\n" as "\r\n"; undone, the text is what the CLI wrote.
        var stdout = _options.Terminal ? StdoutSoFar.Replace("\r\n", "\n", StringComparison.Ordinal) : StdoutSoFar;
        var result = new CliResult(_process.ExitCode, stdout, StderrSoFar, _stopwatch.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine($"esp-prov {_commandLine}\n{result}");
        return result;
    }

    public void Kill() => CliRunner.KillTree(_process);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync().WaitAsync(ReaderGrace);
        }

        _process.Dispose();
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    /// <summary>
    /// Keeps the text exactly as written (a terminal's carriage returns included) and hands complete lines,
    /// without their line ending, to <paramref name="onLine"/> as they arrive.
    /// </summary>
    private static async Task PumpAsync(StreamReader reader, StringBuilder sink, Action<string>? onLine)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (sink)
            {
                sink.Append(buffer, 0, read);
            }

            if (onLine is null)
            {
                continue;
            }

            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '\n')
                {
                    onLine(line.ToString().TrimEnd('\r'));
                    line.Clear();
                }
                else
                {
                    line.Append(c);
                }
            }
        }

        if (onLine is not null && line.Length > 0)
        {
            onLine(line.ToString().TrimEnd('\r'));
        }
    }
}
