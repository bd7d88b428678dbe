using System.Net;
using System.Net.Sockets;

namespace EspProv.Cli.Tests.Support;

/// <summary>A "device" on loopback that accepts connections and never answers: a batch's device stays in flight until cancelled or timed out.</summary>
internal sealed class BlackHole : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public BlackHole()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public string ServiceName => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Completes at the first connection: the batch has this device in flight.</summary>
    public Task Accepted => _accepted.Task;

    public bool WasContacted => _accepted.Task.IsCompleted;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                lock (_held)
                {
                    _held.Add(client);
                }

                _accepted.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
