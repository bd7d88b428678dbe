using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EspProv.Simulator;

namespace EspProv.Robustness.Tests.Support;

/// <summary>
/// A loopback HTTP server in front of a <see cref="SimulatedDevice"/> that answers faithfully, like
/// protocomm_httpd (cookie per session, a refused request closes the socket), except that request
/// number <see cref="FaultAt"/> (0-based, over all connections) gets <see cref="Fault"/> instead.
/// Connections are served one request at a time; the server stops when disposed.
/// <see cref="Rewrite"/> replaces a genuine reply body (scripted device replies); <see cref="Received"/>
/// tells when each request arrived, so tests can time the client from the server's side.
/// </summary>
internal sealed class HostileHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly SimulatedDevice _device;
    private readonly Task _acceptLoop;
    private uint _nextSession = 1000;
    private uint? _currentSession;
    private int _requests;
    private readonly ConcurrentQueue<(int Index, string Endpoint, long Timestamp)> _received = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    public HostileHttpServer(SimulatedDevice device, HttpFault fault = HttpFault.None, int faultAt = -1)
    {
        _device = device;
        Fault = fault;
        FaultAt = faultAt;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public HttpFault Fault { get; }

    public int FaultAt { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Replaces the device's genuine reply body to request (index, endpoint); null keeps the server faithful.
    /// Runs after the device handled the request, so the device's state moves on as with a real reply.
    /// </summary>
    public Func<int, string, byte[], byte[]>? Rewrite { get; init; }

    /// <summary>Every request read so far: its 0-based index, endpoint and <see cref="Stopwatch.GetTimestamp"/> on arrival.</summary>
    public IReadOnlyCollection<(int Index, string Endpoint, long Timestamp)> Received => _received;

    /// <summary>Completes once request <paramref name="index"/> (0-based) has been read.</summary>
    public Task WhenReceived(int index)
    {
        var waiter = _waiters.GetOrAdd(index, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Requests > index)
        {
            waiter.TrySetResult();
        }

        return waiter.Task;
    }

    /// <summary>When request <paramref name="index"/> arrived (it must have).</summary>
    public long ReceivedAt(int index) => _received.Single(r => r.Index == index).Timestamp;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new RequestReader(stream);
        try
        {
            while (await reader.ReadAsync(_stop.Token) is { } request)
            {
                var index = Interlocked.Increment(ref _requests) - 1;
                _received.Enqueue((index, request.Endpoint, Stopwatch.GetTimestamp()));
                foreach (var (waiting, waiter) in _waiters)
                {
                    if (waiting <= index)
                    {
                        waiter.TrySetResult();
                    }
                }

                // A waiter added between the increment and the loop above sees the count in WhenReceived.
                var fault = index == FaultAt ? Fault : HttpFault.None;
                if (!await AnswerAsync(stream, request, index, fault))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Answers one request; false closes the connection.</summary>
    private async Task<bool> AnswerAsync(NetworkStream stream, RequestReader.Request request, int index, HttpFault fault)
    {
        var ct = _stop.Token;
        switch (fault)
        {
            case HttpFault.Stall:
                await Task.Delay(Timeout.Infinite, ct);
                return false;
            case HttpFault.CloseSilently:
                return false;
            case HttpFault.InvalidStatusLine:
                await WriteAsync(stream, "HTTX/9.9 twohundred\r\n\r\n", ct);
                return false;
            case HttpFault.InvalidHeader:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nThis header has no colon\r\nContent-Length: 0\r\n\r\n", ct);
                return true;
            case HttpFault.InvalidChunkSize:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", ct);
                return true;
            case HttpFault.OversizedChunks:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffff\r\n", ct);
                await stream.WriteAsync(new byte[256 * 1024], ct);
                return false;
            case HttpFault.HugeContentLength:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100000000000\r\n\r\n", ct);
                await stream.WriteAsync(new byte[64 * 1024], ct);
                return false;
            case HttpFault.NegativeContentLength:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", ct);
                return false;
            case HttpFault.HeaderFlood:
                var flood = new StringBuilder("HTTP/1.1 200 OK\r\n");
                for (var i = 0; i < 10_000; i++)
                {
                    flood.Append("X-Flood-").Append(i).Append(": 1\r\n");
                }

                await WriteAsync(stream, flood.Append("\r\n").ToString(), ct);
                return false;
            case HttpFault.EndlessHeaderLine:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nX-Long: " + new string('a', 1 << 20) + "\r\n\r\n", ct);
                return false;
            case HttpFault.UnboundedBody:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\n\r\n", ct);
                await stream.WriteAsync(new byte[1 << 20], ct);
                return false;
        }

        // Faithful (or nearly faithful) answer from the device.
        var newSession = false;
        uint session;
        lock (_connections)
        {
            if (request.Cookie is { } cookie && cookie.StartsWith("session=", StringComparison.Ordinal)
                && uint.TryParse(cookie.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var fromCookie))
            {
                session = fromCookie;
            }
            else
            {
                session = _nextSession++;
                newSession = true;
            }
        }

        if (newSession || _currentSession != session)
        {
            // protocomm_httpd: an unknown cookie is a new session on the device.
            await _device.OpenSessionAsync(session, ct);
            _currentSession = session;
            newSession = true;
        }

        byte[] body;
        try
        {
            body = await _device.HandleAsync(request.Endpoint, session, request.Body, ct);
        }
        catch (DeviceRequestFailedException)
        {
            return false;
        }

        if (Rewrite is { } rewrite)
        {
            body = rewrite(index, request.Endpoint, body);
        }

        var setCookie = fault == HttpFault.DifferentCookie
            ? $"Set-Cookie: session={session + 7}\r\n"
            : newSession ? $"Set-Cookie: session={session}\r\n" : string.Empty;
        if (fault == HttpFault.CloseInHeaders)
        {
            await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Le", ct);
            return false;
        }

        var status = fault == HttpFault.ServerError ? "500 Internal Server Error" : "200 OK";
        await WriteAsync(stream, $"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\n{setCookie}\r\n", ct);
        if (fault == HttpFault.CloseInBody)
        {
            await stream.WriteAsync(body.AsMemory(0, Math.Min(3, body.Length / 2)), ct);
            return false;
        }

        await stream.WriteAsync(body, ct);
        return true;
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken ct) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
