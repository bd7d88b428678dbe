using EspProv.Errors;
using EspProv.Transport;

namespace EspProv.Fuzz.Targets;

/// <summary>A transport that answers each request with the next scripted reply, then fails as a dropped link.</summary>
public sealed class ScriptedTransport(IEnumerable<byte[]> replies) : IProvTransport
{
    private readonly Queue<byte[]> _replies = new(replies);

    public TransportKind Kind => TransportKind.Http;

    public Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        _replies.TryDequeue(out var reply)
            ? Task.FromResult(reply)
            : throw new TransportException(TransportFailure.ClosedWithoutResponse, "The script has no more replies.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
