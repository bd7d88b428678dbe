using System.Net;
using Microsoft.AspNetCore.Connections;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>
/// Serves one <see cref="SimulatedDevice"/> the way ESP-IDF's protocomm_httpd does: <c>POST /&lt;endpoint&gt;</c>,
/// the session cookie rules, and a silently closed socket whenever the device refuses a request.
/// Built on Kestrel with a single request delegate (no MVC, no reflection), so it is AOT-clean; the devices of a
/// fleet (<see cref="StartManyAsync"/>) share one server, each on its own listener.
/// </summary>
public sealed partial class HttpDeviceHost : IAsyncDisposable
{
    private readonly HttpSessionTracker _sessions = new();
    private readonly Action<string>? _log;
    private HttpDeviceServer? _server;
    private int _connections;
    private int _disposed;

    private HttpDeviceHost(SimulatedDevice device, HttpHostOptions options)
    {
        Device = device;
        Options = options;
        _log = options.Log;
    }

    /// <summary>
    /// Raised with the connection id once the host has processed a closed connection (the session rules
    /// applied), which happens asynchronously after the peer closed: a client that must know the device saw
    /// the close (tests of spec section 6.1) waits for it.
    /// </summary>
    public event EventHandler<string>? ConnectionClosed;

    /// <summary>The device served.</summary>
    public SimulatedDevice Device { get; }

    /// <summary>The bound TCP port (the real one when 0 was requested).</summary>
    public int Port { get; private set; }

    /// <summary>The bound address.</summary>
    public IPAddress Address { get; private set; } = IPAddress.Loopback;

    /// <summary><c>http://address:port/</c>.</summary>
    public Uri BaseAddress => new($"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}/");

    /// <summary>Starts listening.</summary>
    public static async Task<HttpDeviceHost> StartAsync(SimulatedDevice device, HttpHostOptions? options = null, CancellationToken cancellationToken = default) =>
        (await StartManyAsync([(device, options ?? new HttpHostOptions())], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Starts many devices on one server, each on its own listener (a fleet: one socket per device).</summary>
    public static async Task<IReadOnlyList<HttpDeviceHost>> StartManyAsync(IReadOnlyList<(SimulatedDevice Device, HttpHostOptions Options)> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentOutOfRangeException.ThrowIfZero(devices.Count, nameof(devices));
        var hosts = new HttpDeviceHost[devices.Count];
        for (var i = 0; i < devices.Count; i++)
        {
            var (device, options) = devices[i];
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(options);
            ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1, nameof(options.MaxConnections));
            hosts[i] = new HttpDeviceHost(device, options);
        }

        await HttpDeviceServer.StartAsync(hosts, cancellationToken).ConfigureAwait(false);
        return hosts;
    }

    /// <summary>Where and how this device listens.</summary>
    internal HttpHostOptions Options { get; }

    internal void Bound(HttpDeviceServer server, IPEndPoint endpoint)
    {
        _server = server;
        Address = endpoint.Address;
        Port = endpoint.Port;
    }

    /// <summary>
    /// The listener's connection middleware: connections beyond <see cref="HttpHostOptions.MaxConnections"/> are
    /// closed on arrival (as Kestrel's own limit does), and a closed connection applies the session rules.
    /// </summary>
    internal async Task ServeConnectionAsync(ConnectionContext connection, ConnectionDelegate next, object deviceKey)
    {
        var admitted = Interlocked.Increment(ref _connections) <= Options.MaxConnections && Volatile.Read(ref _disposed) == 0;
        try
        {
            if (admitted)
            {
                connection.Items[deviceKey] = this;
                await next(connection).ConfigureAwait(false);
            }
        }
        finally
        {
            if (admitted)
            {
                await OnConnectionClosedAsync(connection.ConnectionId).ConfigureAwait(false);
            }

            Interlocked.Decrement(ref _connections);
        }
    }

    /// <summary>
    /// How logs name a session: the session id is the cookie value, a bearer secret on the network, so logs
    /// carry a keyed, truncated hash of it instead (the same session gets the same tag within this process).
    /// </summary>
    public static string SessionTag(uint sessionId) => HttpSessionTracker.LogTag(sessionId);

    /// <summary>Stops serving; the listeners close and open connections drop when the last device of the server is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_server is { } server)
        {
            await server.ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task OnConnectionClosedAsync(string connectionId)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        // The session rules change in the device's turn, as every request applies them there.
        try
        {
            using (await Device.TakeTurnAsync().ConfigureAwait(false))
            {
                _sessions.OnConnectionClosed(connectionId);
            }
        }
        catch (ObjectDisposedException)
        {
            // The device was disposed before this host: no session is left to keep.
            return;
        }

        ConnectionClosed?.Invoke(this, connectionId);
    }
}
