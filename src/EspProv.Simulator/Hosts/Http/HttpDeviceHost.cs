using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>
/// Serves one <see cref="SimulatedDevice"/> the way ESP-IDF's protocomm_httpd does: <c>POST /&lt;endpoint&gt;</c>,
/// the session cookie rules, and a silently closed socket whenever the device refuses a request.
/// Built on Kestrel with a single request delegate (no MVC, no reflection), so it is AOT-clean.
/// </summary>
public sealed partial class HttpDeviceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpSessionTracker _sessions = new();
    private readonly Action<string>? _log;
    private int _disposed;

    private HttpDeviceHost(SimulatedDevice device, WebApplication app, Action<string>? log)
    {
        Device = device;
        _app = app;
        _log = log;
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
    public static async Task<HttpDeviceHost> StartAsync(SimulatedDevice device, HttpHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        options ??= new HttpHostOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1, nameof(options.MaxConnections));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HttpDeviceHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        HttpDeviceHost? host = null;
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
            kestrel.Listen(options.Address, options.Port, l =>
            {
                listen = l;
                l.Protocols = HttpProtocols.Http1;
                l.Use(next => async connection =>
                {
                    try
                    {
                        await next(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        if (host is not null)
                        {
                            await host.OnConnectionClosedAsync(connection.ConnectionId).ConfigureAwait(false);
                        }
                    }
                });
            });
        });

        var app = builder.Build();
        host = new HttpDeviceHost(device, app, options.Log);
        app.Run(host.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        host.Address = listen!.IPEndPoint!.Address;
        host.Port = listen.IPEndPoint.Port;
        return host;
    }

    /// <summary>
    /// How logs name a session: the session id is the cookie value, a bearer secret on the network, so logs
    /// carry a keyed, truncated hash of it instead (the same session gets the same tag within this process).
    /// </summary>
    public static string SessionTag(uint sessionId) => HttpSessionTracker.LogTag(sessionId);

    /// <summary>Stops listening and drops open connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that did not drain in time are dropped; that is what a device reset does too.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
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
