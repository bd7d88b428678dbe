using System.Diagnostics;

namespace EspProv.Testing;

/// <summary>A private dbus-daemon on a unix socket in a temp directory, allowing everything: the system bus of the BLE and NetworkManager benches.</summary>
public sealed class PrivateBus : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrivateBus(Process process, string directory, string address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public string Address { get; }

    /// <summary>Starts the daemon, or returns null with the reason when it cannot run here.</summary>
    public static async Task<(PrivateBus? Bus, string? Failure)> TryStartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("espprov-bus-").FullName;
        var config = Path.Combine(directory, "bus.conf");
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path={Path.Combine(directory, "bus")}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """);
        var start = new ProcessStartInfo("dbus-daemon", ["--config-file=" + config, "--print-address", "--nofork", "--nopidfile"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception exception)
        {
            Directory.Delete(directory, true);
            return (null, $"dbus-daemon cannot start: {exception.Message}");
        }

        if (process is null)
        {
            return (null, "dbus-daemon cannot start.");
        }

        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (string.IsNullOrWhiteSpace(line))
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            process.Dispose();
            Directory.Delete(directory, true);
            return (null, $"dbus-daemon did not print an address: {error.Trim()}");
        }

        return (new PrivateBus(process, directory, line.Trim()), null);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, true);
        }
        catch (IOException)
        {
        }
    }
}
