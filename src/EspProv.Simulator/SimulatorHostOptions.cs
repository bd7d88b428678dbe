using System.Net;
using EspProv.Transport;

namespace EspProv.Simulator;

/// <summary>Transport-level settings of <see cref="SimulatorHost"/> (the <c>esp-prov device</c> command).</summary>
public sealed record SimulatorHostOptions
{
    /// <summary>HTTP or console; BLE devices are served by <c>BlePeripheralHost</c> instead.</summary>
    public TransportKind Transport { get; init; } = TransportKind.Http;

    /// <summary>The address the HTTP host binds; loopback by default.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The first HTTP port; device i listens on <c>Port + i</c>. 0 gives every device a free port of its own.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Most TCP connections each HTTP device serves at once; further ones are closed on arrival.</summary>
    public int MaxConnections { get; init; } = Hosts.Http.HttpHostOptions.DefaultMaxConnections;

    /// <summary>How many independent devices to start (HTTP only).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Stop after this long; null = until cancelled (or until the console input ends).</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>Stop once every device has stopped provisioning (after a successful run, unless NoAutoStop).</summary>
    public bool ExitWhenProvisioned { get; init; }

    /// <summary>
    /// The client command line the banner prints for a device (given the device and its HTTP address, null on the
    /// console); null, or a null result, prints none. The host knows no client's flags, so its caller supplies it.
    /// </summary>
    public Func<SimulatedDevice, Uri?, string?>? ClientCommand { get; init; }

    /// <summary>Console transport input; null = <see cref="System.Console.In"/>.</summary>
    public TextReader? ConsoleInput { get; init; }

    /// <summary>Console transport output, protocol lines only; null = <see cref="System.Console.Out"/>.</summary>
    public TextWriter? ConsoleOutput { get; init; }
}
