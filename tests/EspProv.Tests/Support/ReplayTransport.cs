using System.Text;
using EspProv.Errors;
using EspProv.Transport;

namespace EspProv.Tests.Support;

/// <summary>
/// Plays the device side of a recorded conversation: every request must equal the recorded bytes, in
/// order; proto-ver probes (which never touch the cipher) are answered from the recording whatever
/// their body, since our client probes differently from esp_prov.
/// </summary>
internal sealed class ReplayTransport : IProvTransport
{
    private readonly Fixture _fixture;
    private readonly Queue<Fixture.Exchange> _pending;

    public ReplayTransport(Fixture fixture)
    {
        _fixture = fixture;
        _pending = new Queue<Fixture.Exchange>(fixture.Exchanges.Where(e => e.Endpoint != "proto-ver"));
    }

    public TransportKind Kind => TransportKind.Http;

    public int Remaining => _pending.Count;

    public Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        if (endpoint == "proto-ver")
        {
            return Task.FromResult(Encoding.UTF8.GetBytes(_fixture.ProtoVerResponse));
        }

        Assert.True(_pending.Count > 0, $"Unexpected extra request to {endpoint}: {Hex.Of(request.Span)}");
        var exchange = _pending.Dequeue();
        Assert.Equal(exchange.Endpoint, endpoint);
        Assert.Equal(Hex.Of(exchange.Request), Hex.Of(request.Span));
        return exchange.Response is null
            ? throw new TransportException(TransportFailure.ClosedWithoutResponse, "Remote end closed connection without response")
            : Task.FromResult(exchange.Response);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
