using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EspProv.Tests.Support;

/// <summary>
/// A scripted HTTP/1.1 server on loopback: records every request (headers, body, which connection)
/// and answers with whatever bytes the script returns, or closes the socket when it returns null.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, byte[]?> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private int _connections;

    public RawHttpServer(Func<RecordedRequest, byte[]?> script)
    {
        _script = script;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<RecordedRequest> Requests { get; } = [];

    public static byte[] Ok(byte[] body, string? extraHeaders = null) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\n{extraHeaders}\r\n"), .. body];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var id = Interlocked.Increment(ref _connections);
            _ = ServeAsync(client, id);
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.Latin1);
            for (var n = 0; n < 100; n++)
            {
                var requestLine = await reader.ReadLineAsync(_stop.Token);
                if (requestLine is null)
                {
                    return;
                }

                var headers = new List<(string Name, string Value)>();
                string? line;
                while ((line = await reader.ReadLineAsync(_stop.Token)) is { Length: > 0 })
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((line[..colon], line[(colon + 1)..].Trim()));
                }

                var length = int.Parse(headers.First(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value, System.Globalization.CultureInfo.InvariantCulture);
                var body = new char[length];
                await reader.ReadBlockAsync(body, _stop.Token);
                var request = new RecordedRequest(requestLine, headers, Encoding.Latin1.GetBytes(body), connection);
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var answer = _script(request);
                if (answer is null)
                {
                    client.Client.Close();
                    return;
                }

                await stream.WriteAsync(answer, _stop.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        _stop.Dispose();
    }

    internal sealed record RecordedRequest(string RequestLine, List<(string Name, string Value)> Headers, byte[] Body, int Connection)
    {
        public string? Header(string name) => Headers.FirstOrDefault(h => h.Name == name).Value;
    }
}
