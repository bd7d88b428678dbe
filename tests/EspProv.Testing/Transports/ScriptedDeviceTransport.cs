using EspProv.Errors;
using EspProv.Security;
using EspProv.Transport;

namespace EspProv.Testing.Transports;

/// <summary>
/// A fake device for flow tests: answers the security 0 handshake itself and hands every other request
/// (plaintext under security 0) to a script, which returns the answer or throws to simulate a link failure.
/// Records every request so tests can check what the client asked for.
/// </summary>
public sealed class ScriptedDeviceTransport(Func<string, byte[], byte[]> script, TransportKind kind = TransportKind.Http) : IProvTransport
{
    // The device half of security 0 rather than a canned reply: it also checks that the client's request is one.
    private readonly Security0Device _session = new();

    public TransportKind Kind => kind;

    public List<(string Endpoint, byte[] Request)> Requests { get; } = [];

    public Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        var bytes = request.ToArray();
        if (endpoint == "prov-session")
        {
            return Task.FromResult(_session.HandleSessionRequest(bytes));
        }

        Requests.Add((endpoint, bytes));
        return Task.FromResult(script(endpoint, bytes));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TransportException LinkDown() => new(TransportFailure.ClosedWithoutResponse, "Remote end closed connection without response");
}
