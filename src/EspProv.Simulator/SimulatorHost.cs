using System.Globalization;
using EspProv.Simulator.Hosts.Console;
using EspProv.Simulator.Hosts.Http;
using EspProv.Transport;

namespace EspProv.Simulator;

/// <summary>
/// Entry point of <c>esp-prov device</c>: builds one or more <see cref="SimulatedDevice"/>s, serves
/// them over HTTP or the console, prints a banner per device and one redacted line per request to
/// the log writer.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly List<SimulatedDevice> _devices = [];
    private readonly List<HttpDeviceHost> _httpHosts = [];
    private readonly SimulatorHostOptions _options;
    private readonly TextWriter _log;
    private Task _consoleLoop = Task.CompletedTask;
    private readonly CancellationTokenSource _stopping = new();

    private SimulatorHost(SimulatorHostOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>The devices, in port order.</summary>
    public IReadOnlyList<SimulatedDevice> Devices => _devices;

    /// <summary>The HTTP hosts (empty for the console transport).</summary>
    public IReadOnlyList<HttpDeviceHost> HttpHosts => _httpHosts;

    /// <summary>
    /// Runs the simulator until <paramref name="cancellationToken"/> fires, the lifetime ends, the
    /// console input ends, or (with <see cref="SimulatorHostOptions.ExitWhenProvisioned"/>) every device stopped.
    /// Returns the process exit code (0).
    /// </summary>
    public static async Task<int> RunAsync(DeviceOptions device, SimulatorHostOptions host, TextWriter log, CancellationToken cancellationToken = default)
    {
        await using var simulator = await StartAsync(device, host, log, cancellationToken).ConfigureAwait(false);
        await simulator.WaitAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Starts the devices and their transports and prints the banners.</summary>
    /// <param name="device">Device settings; with <see cref="SimulatorHostOptions.Count"/> &gt; 1 each device gets its own service name.</param>
    /// <param name="host">Transport settings.</param>
    /// <param name="log">Banner and request log (for the console transport use stderr: stdout carries the protocol).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<SimulatorHost> StartAsync(DeviceOptions device, SimulatorHostOptions host, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(host.Count, 1, nameof(host.Count));
        if (host.Transport is not (TransportKind.Http or TransportKind.Console))
        {
            throw new ArgumentException("The simulator host serves HTTP or the console; BLE devices are served by BlePeripheralHost.", nameof(host));
        }

        if (host.Transport == TransportKind.Console && host.Count != 1)
        {
            throw new ArgumentException("The console transport serves exactly one device.", nameof(host));
        }

        if (host.Port != 0 && (host.Port < 1 || host.Port + host.Count - 1 > 65535))
        {
            throw new ArgumentOutOfRangeException(nameof(host), "The port range must lie within 1..65535.");
        }

        // The devices of a fleet share their credentials, as devices flashed from one esp_prov --sec2_gen_cred do:
        // derive the verifier once (a 512-bit exponentiation) rather than once per device.
        if (host.Count > 1 && device.Security == Security.SecurityVersion.Sec2 && device.Sec2Verifier is null && !string.IsNullOrEmpty(device.Sec2Username) && !string.IsNullOrEmpty(device.Sec2Password))
        {
            var salt = device.Sec2Salt ?? Model.ExampleFirmware.Sec2Salt.ToArray();
            device = device with { Sec2Salt = salt, Sec2Verifier = Security.Sec2Credentials.FromSalt(device.Sec2Username, device.Sec2Password, salt).Verifier };
        }

        var simulator = new SimulatorHost(host, TextWriter.Synchronized(log));
        try
        {
            for (var i = 0; i < host.Count; i++)
            {
                var options = host.Count > 1 && device.ServiceName is { } name
                    ? device with { ServiceName = name + "_" + (i + 1).ToString(CultureInfo.InvariantCulture) }
                    : device;
                var simulated = new SimulatedDevice(options);
                simulator._devices.Add(simulated);
                var serviceName = simulated.ServiceName;
                // Over HTTP the session id is the cookie: log a tag of it. The console protocol carries the id in the clear anyway.
                simulated.RequestHandled += host.Transport == TransportKind.Http
                    ? (_, record) => simulator.LogLine($"{serviceName} {record.ToString(HttpDeviceHost.SessionTag(record.SessionId))}")
                    : (_, record) => simulator.LogLine($"{serviceName} {record}");
            }

            if (host.Transport == TransportKind.Http)
            {
                // One server for the whole fleet, a listener per device.
                simulator._httpHosts.AddRange(await HttpDeviceHost.StartManyAsync(simulator._devices.Select((simulated, i) => (simulated, new HttpHostOptions
                {
                    Address = host.Address,
                    Port = host.Port == 0 ? 0 : host.Port + i,
                    MaxConnections = host.MaxConnections,
                    Log = message => simulator.LogLine($"{simulated.ServiceName} {message}"),
                })).ToArray(), cancellationToken).ConfigureAwait(false));
            }

            for (var i = 0; i < simulator._devices.Count; i++)
            {
                simulator.PrintBanner(simulator._devices[i], i);
            }

            if (host.Transport == TransportKind.Console)
            {
                var console = new ConsoleDeviceHost(simulator._devices[0], host.ConsoleInput ?? System.Console.In, host.ConsoleOutput ?? System.Console.Out, simulator.LogLine);
                simulator._consoleLoop = console.RunAsync(simulator._stopping.Token);
            }

            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the run should end (see <see cref="RunAsync"/>); cancellation ends it quietly.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        if (_options.Lifetime is { } lifetime)
        {
            linked.CancelAfter(lifetime);
        }

        var waits = new List<Task> { Task.Delay(Timeout.Infinite, linked.Token) };
        if (_options.Transport == TransportKind.Console)
        {
            waits.Add(_consoleLoop);
        }

        if (_options.ExitWhenProvisioned)
        {
            waits.Add(WaitUntilAllStoppedAsync(linked.Token));
        }

        var finished = await Task.WhenAny(waits).ConfigureAwait(false);
        if (finished == _consoleLoop && _consoleLoop.IsFaulted)
        {
            await _consoleLoop.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        // A blocking stdin read may ignore cancellation; do not let it hold shutdown hostage.
        await Task.WhenAny(_consoleLoop, Task.Delay(TimeSpan.FromMilliseconds(500))).ConfigureAwait(false);

        foreach (var http in _httpHosts)
        {
            await http.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var device in _devices)
        {
            device.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task WaitUntilAllStoppedAsync(CancellationToken cancellationToken)
    {
        // The device evaluates its stop time lazily, so poll; 100 ms is well under the 1 s cleanup delay.
        while (!_devices.TrueForAll(d => d.IsStopped))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        LogLine("all devices stopped provisioning");
    }

    private void PrintBanner(SimulatedDevice device, int index)
    {
        var options = device.Options;
        var security = options.Security switch
        {
            Security.SecurityVersion.Sec0 => "0 (no security)",
            Security.SecurityVersion.Sec1 => options.RunsWithoutPop ? "1 (no PoP)" : "1 (PoP required)",
            _ => $"2 (patch {options.Sec2PatchLevel}, username \"{options.Sec2Username}\")",
        };
        var address = index < _httpHosts.Count ? _httpHosts[index].BaseAddress : null;
        var where = address?.ToString() ?? "console (stdin/stdout)";
        _log.WriteLine($"==== Simulated device {device.ServiceName} ====");
        _log.WriteLine($"Transport: {where}");
        _log.WriteLine($"Security: {security}");
        _log.WriteLine($"Firmware: {options.Flavour}, endpoints {string.Join(", ", device.Endpoints.Select(e => e.Name))}");
        _log.WriteLine($"QR payload: {device.QrPayloadFor(_options.Transport).ToJson()}");
        if (_options.ClientCommand?.Invoke(device, address) is { } command)
        {
            _log.WriteLine($"Provision it: {command}");
        }

        _log.Flush();
    }

    private void LogLine(string message)
    {
        _log.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss.fff}] {message}");
        _log.Flush();
    }
}
