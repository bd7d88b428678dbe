using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EspProv.Robustness.Tests.Support;

/// <summary>
/// One malformed request or aborted connection against an HTTP device host, bounded in time. None of
/// them reaches a registered endpoint with a well-formed POST: on protocomm_httpd such a request opens a
/// new session and ends the current one by design, so it is a takeover, not hostile input.
/// </summary>
internal static class HostileClient
{
    public const int Kinds = 9;

    public static async Task RunAsync(int port, int kind, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            var payload = kind switch
            {
                0 => [],
                1 => Garbage(kind, 1024),
                2 => Ascii("POST /prov-session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"),
                3 => Ascii("GET /nonexistent HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                4 => Ascii("POST /no-such-endpoint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"),
                5 => Ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + string.Concat(Enumerable.Range(0, 4000).Select(i => $"X-{i}: {new string('z', 40)}\r\n")) + "\r\n"),
                6 => Ascii("GET /prov-session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                7 => [0x00, 0x01, 0x02, 0x20, 0xFF, 0xFE, 0x0D, 0x0A, 0x0D, 0x0A],
                _ => Ascii("POST /unknown HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999\r\n\r\npartial"),
            };
            if (payload.Length > 0)
            {
                await socket.SendAsync(payload, SocketFlags.None, timeout.Token);
            }

            if (kind is 3 or 4 or 6 or 7)
            {
                // Read whatever the host answers (error status), bounded.
                var buffer = new byte[4096];
                await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }

            // Abort rather than close gracefully: RST mid-request.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The host may close first or refuse; all that matters is that it stays up.
        }
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Garbage(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
