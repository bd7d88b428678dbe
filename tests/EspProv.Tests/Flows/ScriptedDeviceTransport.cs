using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using EspProv.Transport;
using Google.Protobuf;

namespace EspProv.Tests.Flows;

/// <summary>
/// A fake device for flow tests: answers the security 0 handshake itself and hands every other request
/// (plaintext under security 0) to a script, which returns the answer or throws to simulate a link failure.
/// Records every request so tests can check what the client asked for.
/// </summary>
internal sealed class ScriptedDeviceTransport(Func<string, byte[], byte[]> script, TransportKind kind = TransportKind.Http) : IProvTransport
{
    public TransportKind Kind => kind;

    public List<(string Endpoint, byte[] Request)> Requests { get; } = [];

    public Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        var bytes = request.ToArray();
        if (endpoint == "prov-session")
        {
            return Task.FromResult(new SessionData
            {
                SecVer = SecSchemeVersion.SecScheme0,
                Sec0 = new Sec0Payload { Msg = Sec0MsgType.S0SessionResponse, Sr = new S0SessionResp { Status = Status.Success } },
            }.ToByteArray());
        }

        Requests.Add((endpoint, bytes));
        return Task.FromResult(script(endpoint, bytes));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TransportException LinkDown() => new(TransportFailure.ClosedWithoutResponse, "Remote end closed connection without response");
}
