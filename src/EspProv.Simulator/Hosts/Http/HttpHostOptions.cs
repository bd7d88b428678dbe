using System.Net;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>Where and how the HTTP host listens.</summary>
public sealed record HttpHostOptions
{
    /// <summary>The address to bind; loopback by default so a test device is never reachable from the network.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one (read it back from <see cref="HttpDeviceHost.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Most TCP connections served at once (Kestrel's MaxConcurrentConnections); further ones are closed on
    /// arrival. A real device's httpd allows 7 sockets; the default leaves room for many clients while keeping
    /// a simulator that was bound beyond loopback from being held open by an unbounded number of sockets.
    /// </summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>The default of <see cref="MaxConnections"/>.</summary>
    public const int DefaultMaxConnections = 64;

    /// <summary>Host-level events (new session, closed socket, 404); never request contents. Null = silent.</summary>
    public Action<string>? Log { get; init; }
}
