using System.Net;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>Where and how the HTTP host listens.</summary>
public sealed record HttpHostOptions
{
    /// <summary>The address to bind; loopback by default so a test device is never reachable from the network.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one (read it back from <see cref="HttpDeviceHost.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Host-level events (new session, closed socket, 404); never request contents. Null = silent.</summary>
    public Action<string>? Log { get; init; }
}
