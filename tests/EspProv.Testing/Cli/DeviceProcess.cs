using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace EspProv.Testing.Cli;

/// <summary><c>esp-prov device …</c> as a child process; reads the HTTP ports from its banner on stderr.</summary>
public sealed partial class DeviceProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly List<int> _ports = [];
    private readonly TaskCompletionSource _bannerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _expectedPorts;
    private readonly Task _reader;

    private DeviceProcess(Process process, int expectedPorts)
    {
        Process = process;
        _expectedPorts = expectedPorts;
        _reader = Task.Run(ReadStderrAsync);
    }

    public Process Process { get; }

    public IReadOnlyList<int> Ports
    {
        get
        {
            lock (_stderr)
            {
                return [.. _ports];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the device and waits (bounded) until its banner listed <paramref name="expectedPorts"/> HTTP ports.</summary>
    public static async Task<DeviceProcess> StartAsync(int expectedPorts, params string[] args)
    {
        var device = new DeviceProcess(CliRunner.StartProcess(["device", .. args]), expectedPorts);
        var ready = await Task.WhenAny(device._bannerDone.Task, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        if (ready != device._bannerDone.Task)
        {
            device.Dispose();
            Assert.Fail($"esp-prov device {string.Join(' ', args)} printed no banner within 30 s\n{device.Stderr}");
        }

        return device;
    }

    /// <summary>Waits (bounded) for the device to exit on its own; fails (and kills it) otherwise.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            CliRunner.KillTree(Process);
            Assert.Fail($"esp-prov device did not exit within {timeout.TotalSeconds} s\n{Stderr}");
        }

        await _reader;
        return Process.ExitCode;
    }

    public void Dispose()
    {
        CliRunner.KillTree(Process);
        Process.Dispose();
    }

    private async Task ReadStderrAsync()
    {
        while (await Process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
                if (TransportLine().Match(line) is { Success: true } match)
                {
                    _ports.Add(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (line.StartsWith("Provision it: ", StringComparison.Ordinal) && _ports.Count == _expectedPorts)
                {
                    // The client command ends an HTTP device's banner.
                    _bannerDone.TrySetResult();
                }
                else if (_expectedPorts == 0 && line.StartsWith("Transport: ", StringComparison.Ordinal))
                {
                    _bannerDone.TrySetResult();
                }
            }
        }

        _bannerDone.TrySetResult();
    }

    [GeneratedRegex(@"^Transport: http://(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0):(\d+)/$")]
    private static partial Regex TransportLine();
}
