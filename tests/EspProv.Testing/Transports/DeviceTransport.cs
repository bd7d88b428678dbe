using EspProv.Errors;
using EspProv.Simulator;
using EspProv.Transport;

namespace EspProv.Testing.Transports;

/// <summary>
/// An in-memory link to a <see cref="SimulatedDevice"/> that lets a test replace the device's reply to
/// request number <see cref="TamperAt"/> (0-based, proto-ver included). A refused request becomes the
/// HTTP transport's "closed without response", as on the real link.
/// </summary>
public sealed class DeviceTransport : IProvTransport
{
    private readonly List<byte[]> _responses = [];
    private readonly SimulatedDevice _device;
    private readonly uint _sessionId;
    private readonly Task _opened;

    public DeviceTransport(SimulatedDevice device, uint sessionId = 1)
    {
        _device = device;
        _sessionId = sessionId;

        // Started here so that it takes the device's next turn, before anything sent through this transport.
        _opened = device.OpenSessionAsync(sessionId);
    }

    public TransportKind Kind => TransportKind.Http;

    /// <summary>Which request's reply to tamper with; -1 = none.</summary>
    public int TamperAt { get; init; } = -1;

    /// <summary>Turns the genuine reply into the hostile one; the list holds the earlier genuine replies.</summary>
    public Func<byte[], IReadOnlyList<byte[]>, byte[]>? Tamper { get; init; }

    /// <summary>Which request's reply is lost after the device handled it (outcome unknown to the client); -1 = none.</summary>
    public int LoseReplyAt { get; init; } = -1;

    /// <summary>Requests (by index) that never reach the device: the link refuses them (a softAP that is down).</summary>
    public IReadOnlySet<int> RefuseAt { get; init; } = new HashSet<int>();

    /// <summary>Called when the reply is lost, before the client hears of it.</summary>
    public Action? OnReplyLost { get; init; }

    /// <summary>How many requests were sent.</summary>
    public int Requests { get; private set; }

    /// <summary>The endpoint of each request, in order.</summary>
    public List<string> Endpoints { get; } = [];

    public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        await _opened;
        var index = Requests++;
        Endpoints.Add(endpoint);
        if (RefuseAt.Contains(index))
        {
            throw new TransportException(TransportFailure.ConnectionRefused, "Connection Failure: the link is down.") { Endpoint = endpoint };
        }

        byte[] response;
        try
        {
            response = await _device.HandleAsync(endpoint, _sessionId, request, cancellationToken);
        }
        catch (DeviceRequestFailedException ex)
        {
            throw new TransportException(TransportFailure.ClosedWithoutResponse, $"Device refused {endpoint}: {ex.Message}") { Endpoint = endpoint };
        }

        if (index == LoseReplyAt)
        {
            OnReplyLost?.Invoke();
            throw new TransportException(TransportFailure.ClosedWithoutResponse, "Remote end closed connection without response") { Endpoint = endpoint };
        }

        var genuine = response;
        if (index == TamperAt && Tamper is not null)
        {
            response = Tamper(response, _responses);
        }

        _responses.Add(genuine);
        return response;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
