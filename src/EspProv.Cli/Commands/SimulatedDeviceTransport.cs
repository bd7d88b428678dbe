using System.Net;
using EspProv.Simulator;
using EspProv.Transport;
using EspProv.Transport.Http;

namespace EspProv.Cli.Commands;

/// <summary>
/// <c>--transport sim</c>: starts the device simulator in this process on a free loopback port and
/// talks to it over real HTTP, so the whole flow runs with no hardware. Disposing stops the device.
/// </summary>
internal sealed class SimulatedDeviceTransport : IProvTransport
{
    private readonly SimulatorHost _host;
    private readonly HttpTransport _http;

    private SimulatedDeviceTransport(SimulatorHost host, HttpTransport http)
    {
        _host = host;
        _http = http;
    }

    public TransportKind Kind => TransportKind.Http;

    public string Address => _host.HttpHosts[0].BaseAddress.ToString();

    public static async Task<SimulatedDeviceTransport> StartAsync(TextWriter deviceLog, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        var host = await SimulatorHost.StartAsync(
            new DeviceOptions(),
            new SimulatorHostOptions { Transport = TransportKind.Http, Address = IPAddress.Loopback, Port = 0 },
            deviceLog,
            cancellationToken).ConfigureAwait(false);
        var http = new HttpTransport(new HttpTransportOptions
        {
            Address = new HttpServiceAddress(IPAddress.Loopback.ToString(), host.HttpHosts[0].Port),
            Timeout = requestTimeout,
        });
        return new SimulatedDeviceTransport(host, http);
    }

    public Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(endpoint, request, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _http.DisposeAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }
}
