using System.Net;
using System.Net.Sockets;
using EspProv.Errors;
using EspProv.Transport.Http;

namespace EspProv.Fuzz.Targets;

/// <summary>
/// <see cref="HttpTransport"/>'s response reader, fed through a real socket: a loopback listener answers
/// every connection with the input bytes and closes. Two requests per input, so keep-alive and the
/// reconnect after a close are reached too.
/// </summary>
public static class HttpResponseTarget
{
    private static readonly Lazy<Server> Listener = new(() => new Server());

    public static void Run(ReadOnlySpan<byte> data)
    {
        var server = Listener.Value;
        server.Reply = data.ToArray();
        var transport = new HttpTransport(new HttpTransportOptions
        {
            Address = HttpServiceAddress.Parse($"127.0.0.1:{server.Port}"),
            Timeout = TimeSpan.FromSeconds(5),
            MaxResponseBytes = 4096,
        });
        try
        {
            for (var i = 0; i < 2; i++)
            {
                try
                {
                    _ = transport.SendAsync("proto-ver", "none"u8.ToArray()).GetAwaiter().GetResult();
                }
                catch (TransportException)
                {
                }
            }
        }
        finally
        {
            transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed class Server
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public Server()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptAsync);
        }

        public int Port { get; }

        public volatile byte[] Reply = [];

        private async Task AcceptAsync()
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync();
                try
                {
                    // Read the request head (bounded), answer with the input, close.
                    var buffer = new byte[4096];
                    var received = 0;
                    while (received < buffer.Length)
                    {
                        var n = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None);
                        if (n == 0)
                        {
                            break;
                        }

                        received += n;
                        if (buffer.AsSpan(0, received).IndexOf("\r\n\r\nnone"u8) >= 0)
                        {
                            break;
                        }
                    }

                    await socket.SendAsync(Reply, SocketFlags.None);
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                }
            }
        }
    }
}
