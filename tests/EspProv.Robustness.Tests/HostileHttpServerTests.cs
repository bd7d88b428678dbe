using System.Diagnostics;
using EspProv.Errors;
using EspProv.Flows;
using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Http;

namespace EspProv.Robustness.Tests;

/// <summary>
/// The real <see cref="HttpTransport"/> against a hostile HTTP server on loopback, at each step of a
/// security 2 provisioning (proto-ver, session 1, session 2, set-config, apply).
/// </summary>
public sealed class HostileHttpServerTests
{
    private const SecurityVersion Sec = SecurityVersion.Sec2;

    public static TheoryData<HttpFault, int> Faults()
    {
        var data = new TheoryData<HttpFault, int>();
        foreach (var fault in Enum.GetValues<HttpFault>().Where(f => f is not (HttpFault.None or HttpFault.Stall)))
        {
            for (var step = 0; step <= 4; step++)
            {
                data.Add(fault, step);
            }
        }

        return data;
    }

    [Fact]
    public async Task The_server_is_faithful_without_a_fault()
    {
        using var device = new SimulatedDevice(Scenarios.Device(Sec));
        await using var server = new HostileHttpServer(device);
        await RunAsync(server.Port, TimeSpan.FromSeconds(10));
        Assert.Equal(Scenarios.Passphrase, device.Snapshot.AppliedCredentials?.PassphraseText);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_hostile_answer_gives_a_typed_error(HttpFault fault, int step)
    {
        using var device = new SimulatedDevice(Scenarios.Device(Sec));
        await using var server = new HostileHttpServer(device, fault, step);
        var stopwatch = Stopwatch.StartNew();
        Exception? error = null;
        try
        {
            await RunAsync(server.Port, TimeSpan.FromSeconds(10));
        }
        catch (Exception ex)
        {
            error = ex;
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), $"took {stopwatch.Elapsed}");
        if (fault == HttpFault.DifferentCookie && step is 0 or 4)
        {
            // A cookie changed before the session starts is merely a new session: harmless. Changed on
            // the ApplyConfig reply, it makes the next status poll fail, and the poller goes on through a
            // new, authenticated session, as after any lost status reply.
            Assert.Null(error);
            Assert.Equal(Scenarios.Passphrase, device.Snapshot.AppliedCredentials?.PassphraseText);
            return;
        }

        Assert.NotNull(error);
        Assert.IsAssignableFrom<ProvException>(error);
        var expected = Expected(fault);
        if (error is TransportException transport && expected is not null)
        {
            Assert.Equal(expected, transport.Failure);
        }
        else if (step is 1 or 2 && fault != HttpFault.DifferentCookie)
        {
            // A dropped link in the handshake is what the device does on a bad proof: a session error.
            Assert.IsAssignableFrom<SessionException>(error);
        }
    }

    [Fact]
    public async Task A_stalled_device_fails_at_the_configured_timeout()
    {
        using var device = new SimulatedDevice(Scenarios.Device(Sec));
        await using var server = new HostileHttpServer(device, HttpFault.Stall, faultAt: 1);
        var timeout = TimeSpan.FromMilliseconds(700);
        await using var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse($"127.0.0.1:{server.Port}"), Timeout = timeout });
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        await client.GetDeviceInfoAsync(cancellationToken: TestContext.Current.CancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TransportException>(() => client.EstablishSessionAsync(Scenarios.Security(Sec), TestContext.Current.CancellationToken));
        stopwatch.Stop();
        Assert.Equal(TransportFailure.Timeout, error.Failure);
        Assert.InRange(stopwatch.Elapsed, timeout - TimeSpan.FromMilliseconds(50), timeout + TimeSpan.FromSeconds(5));
    }

    private static TransportFailure? Expected(HttpFault fault) => fault switch
    {
        HttpFault.InvalidStatusLine or HttpFault.InvalidHeader or HttpFault.InvalidChunkSize or HttpFault.OversizedChunks
            or HttpFault.HugeContentLength or HttpFault.NegativeContentLength or HttpFault.HeaderFlood
            or HttpFault.EndlessHeaderLine or HttpFault.UnboundedBody => TransportFailure.InvalidResponse,
        HttpFault.ServerError => TransportFailure.HttpError,
        HttpFault.CloseInHeaders or HttpFault.CloseInBody or HttpFault.CloseSilently => TransportFailure.ClosedWithoutResponse,
        _ => null,
    };

    private static async Task RunAsync(int port, TimeSpan timeout)
    {
        await using var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse($"127.0.0.1:{port}"), Timeout = timeout });
        using var bound = Ct.Bounded(20);
        await Scenarios.RunAsync("wifi", Sec, transport, bound.Token);
    }
}
