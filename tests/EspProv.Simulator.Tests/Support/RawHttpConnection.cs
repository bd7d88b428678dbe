using System.Net.Sockets;
using System.Text;

namespace EspProv.Simulator.Tests.Support;

/// <summary>One keep-alive TCP connection speaking just enough HTTP/1.1 to see what the device does, including closing without a response.</summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttpConnection> OpenAsync(int port)
    {
        var connection = new RawHttpConnection();
        await connection._tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        connection._stream = connection._tcp.GetStream();
        return connection;
    }

    public string? Cookie { get; set; }

    /// <summary>False behaves like esp_prov v4.4/v5.0, which never echo the cookie and rely on the socket.</summary>
    public bool EchoCookies { get; set; } = true;

    public NetworkStream Stream => _stream;

    public sealed record Response(int Status, Dictionary<string, string> Headers, byte[] Body);

    /// <summary>Sends a request; returns null when the server closed the connection without a response.</summary>
    public async Task<Response?> SendAsync(string path, byte[]? body, string method = "POST", string? cookie = null, string? contentLength = null)
    {
        var head = new StringBuilder($"{method} /{path} HTTP/1.1\r\nHost: 192.168.4.1\r\nAccept-Encoding: identity\r\n");
        if (contentLength is not null || body is not null)
        {
            head.Append("Content-Length: ").Append(contentLength ?? body!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("Content-type: application/x-www-form-urlencoded\r\nAccept: text/plain\r\n");
        if ((cookie ?? Cookie) is { } c)
        {
            head.Append("Cookie: ").Append(c).Append("\r\n");
        }

        head.Append("\r\n");
        try
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), TestContext.Current.CancellationToken);
            if (body is not null)
            {
                await _stream.WriteAsync(body, TestContext.Current.CancellationToken);
            }

            return await ReadResponseAsync();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<Response?> ReadResponseAsync()
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (header.Count < 4 || !(header[^4] == '\r' && header[^3] == '\n' && header[^2] == '\r' && header[^1] == '\n'))
        {
            if (await _stream.ReadAsync(one, TestContext.Current.CancellationToken) == 0)
            {
                return null;
            }

            header.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(header.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var body = new byte[int.Parse(headers["Content-Length"], System.Globalization.CultureInfo.InvariantCulture)];
        await _stream.ReadExactlyAsync(body, TestContext.Current.CancellationToken);
        if (EchoCookies && headers.TryGetValue("Set-Cookie", out var setCookie))
        {
            Cookie = setCookie;
        }

        return new Response(status, headers, body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
