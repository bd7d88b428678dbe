using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>
/// One Kestrel server with a listener per device: a fleet costs one socket per device and no more. A web host
/// per device cost about 260 KiB each and, through the default builder's configuration reload, an inotify
/// instance each, so a fleet of a few hundred died at the user's inotify limit (128 by default). The empty
/// builder has no configuration files, no logging and nothing that watches the file system.
/// </summary>
internal sealed class HttpDeviceServer
{
    private static readonly object DeviceKey = new();
    private readonly WebApplication _app;
    private int _users;
    private int _stopped;

    private HttpDeviceServer(WebApplication app, int users)
    {
        _app = app;
        _users = users;
    }

    /// <summary>Binds every host's listener and starts serving; each host gets its bound address and port.</summary>
    public static async Task<HttpDeviceServer> StartAsync(IReadOnlyList<HttpDeviceHost> hosts, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HttpDeviceServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        var listeners = new ListenOptions[hosts.Count];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The limit is per device (each listener's middleware below); the server as a whole has none of its own.
            kestrel.Limits.MaxConcurrentConnections = null;
            for (var i = 0; i < hosts.Count; i++)
            {
                var host = hosts[i];
                var index = i;
                kestrel.Listen(host.Options.Address, host.Options.Port, l =>
                {
                    listeners[index] = l;
                    l.Protocols = HttpProtocols.Http1;
                    l.Use(next => connection => host.ServeConnectionAsync(connection, next, DeviceKey));
                });
            }
        });

        var app = builder.Build();
        var server = new HttpDeviceServer(app, hosts.Count);
        app.Run(context => context.Features.Get<IConnectionItemsFeature>()?.Items[DeviceKey] is HttpDeviceHost host
            ? host.HandleAsync(context)
            : Task.CompletedTask);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A port in use, say: release the listeners already bound.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        for (var i = 0; i < hosts.Count; i++)
        {
            hosts[i].Bound(server, listeners[i].IPEndPoint!);
        }

        return server;
    }

    /// <summary>One host is done with the server; the last one stops it and drops open connections.</summary>
    public async ValueTask ReleaseAsync()
    {
        if (Interlocked.Decrement(ref _users) > 0 || Interlocked.Exchange(ref _stopped, 1) != 0)
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
}
