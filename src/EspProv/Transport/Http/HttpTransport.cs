using System.Net;
using System.Net.Sockets;
using System.Text;
using EspProv.Errors;

namespace EspProv.Transport.Http;

/// <summary>
/// The softAP/httpd transport: one keep-alive HTTP/1.1 connection, <c>POST /&lt;endpoint&gt;</c> with the raw
/// request as body, and the device's session cookie echoed on every later request (spec section 6.1).
/// It is a small HTTP client of its own because the device protocol needs guarantees a general client
/// does not give: a request is never sent twice (a replay would advance the session cipher), a socket
/// closed without a response is reported as such, and the cookie is kept exactly as the device set it.
/// </summary>
public sealed class HttpTransport : IProvTransport
{
    private readonly HttpTransportOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HttpConnection? _connection;
    private bool _disposed;

    /// <summary>Creates the transport; nothing connects until the first request.</summary>
    public HttpTransport(HttpTransportOptions options)
    {
        _options = options;
    }

    /// <inheritdoc />
    public TransportKind Kind => TransportKind.Http;

    /// <summary>The cookie the device set (e.g. <c>session=1234</c>), sent back on every request.</summary>
    public string? SessionCookie { get; private set; }

    /// <inheritdoc />
    public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            if (_connection is { IsClosedByPeer: true })
            {
                // The device dropped an idle connection (e.g. another client took over); nothing was
                // sent on it, so opening a new one cannot duplicate a request.
                DropConnection();
            }

            _connection ??= await HttpConnection.OpenAsync(_options.Address, timeout.Token).ConfigureAwait(false);
            var response = await _connection.PostAsync(endpoint, request, SessionCookie, _options, timeout.Token).ConfigureAwait(false);
            if (response.SetCookie is { } cookie)
            {
                SessionCookie = cookie;
            }

            if (response.CloseAfter)
            {
                DropConnection();
            }

            return response.Status switch
            {
                200 => response.Body,
                404 => throw new TransportException(TransportFailure.UnknownEndpoint, $"The device has no endpoint '{endpoint}' (HTTP 404); it may have stopped provisioning or be too old for this command.") { Endpoint = endpoint },
                _ => throw new TransportException(TransportFailure.HttpError, $"Server responded with error code {response.Status} on /{endpoint}.") { Endpoint = endpoint },
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            DropConnection();
            throw new TransportException(TransportFailure.Timeout, $"The device at {_options.Address} did not answer /{endpoint} within {_options.Timeout.TotalSeconds:0.#} s.") { Endpoint = endpoint };
        }
        catch (TransportException ex)
        {
            if (ex.Failure is not (TransportFailure.UnknownEndpoint or TransportFailure.HttpError))
            {
                DropConnection();
            }

            throw ex.Endpoint is null ? new TransportException(ex.Failure, ex.Message, ex.InnerException) { Endpoint = endpoint } : ex;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            DropConnection();
            throw new TransportException(TransportFailure.ClosedWithoutResponse, $"Connection Failure: the device closed the connection on /{endpoint} without a response.", ex) { Endpoint = endpoint };
        }
        finally
        {
            _gate.Release();
        }
    }

    private void DropConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            DropConnection();
        }

        return ValueTask.CompletedTask;
    }

    private sealed record HttpResponse(int Status, byte[] Body, string? SetCookie, bool CloseAfter);

    private sealed class HttpConnection : IDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly string _hostHeader;
        private readonly byte[] _buffer = new byte[8192];
        private int _bufferStart;
        private int _bufferEnd;

        private HttpConnection(Socket socket, string hostHeader)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
            _hostHeader = hostHeader;
        }

        public static async Task<HttpConnection> OpenAsync(HttpServiceAddress address, CancellationToken cancellationToken)
        {
            IPAddress[] addresses;
            if (IPAddress.TryParse(address.Host, out var literal))
            {
                addresses = [literal];
            }
            else
            {
                try
                {
                    addresses = await Dns.GetHostAddressesAsync(address.Host, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex)
                {
                    throw new TransportException(TransportFailure.UnresolvedHost, $"Unable to resolve hostname: {address.Host}", ex);
                }
            }

            SocketException? last = null;
            foreach (var ip in addresses)
            {
                var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(ip, address.Port), cancellationToken).ConfigureAwait(false);
                    return new HttpConnection(socket, address.HostHeader);
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw new TransportException(TransportFailure.ConnectionRefused, $"Connection Failure: cannot connect to {address} ({last?.SocketErrorCode.ToString() ?? "no address"}).", last);
        }

        public bool IsClosedByPeer
        {
            get
            {
                try
                {
                    return _bufferStart == _bufferEnd && _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
                }
                catch (SocketException)
                {
                    return true;
                }
            }
        }

        public async Task<HttpResponse> PostAsync(string endpoint, ReadOnlyMemory<byte> body, string? cookie, HttpTransportOptions options, CancellationToken cancellationToken)
        {
            // Same headers, in the same order, as esp_prov's http.client requests.
            var head = new StringBuilder()
                .Append("POST /").Append(endpoint).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(_hostHeader).Append("\r\n")
                .Append("Accept-Encoding: identity\r\n")
                .Append("Content-Length: ").Append(body.Length).Append("\r\n")
                .Append("Content-type: application/x-www-form-urlencoded\r\n")
                .Append("Accept: text/plain\r\n");
            if (cookie is not null)
            {
                head.Append("Cookie: ").Append(cookie).Append("\r\n");
            }

            head.Append("\r\n");
            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            var message = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(message, 0);
            body.Span.CopyTo(message.AsSpan(headBytes.Length));
            await _stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return await ReadResponseAsync(options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponse> ReadResponseAsync(int maxBody, CancellationToken cancellationToken)
        {
            var statusLine = await ReadLineAsync(cancellationToken, allowEof: true).ConfigureAwait(false)
                ?? throw new TransportException(TransportFailure.ClosedWithoutResponse, "Connection Failure: Remote end closed connection without response.");
            var parts = statusLine.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status))
            {
                throw new TransportException(TransportFailure.InvalidResponse, $"The device sent an invalid HTTP status line: '{Printable(statusLine)}'.");
            }

            long? contentLength = null;
            var chunked = false;
            var close = parts[0] == "HTTP/1.0";
            string? setCookie = null;
            var headerCount = 0;
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken, allowEof: false).ConfigureAwait(false);
                if (line!.Length == 0)
                {
                    break;
                }

                if (++headerCount > 100)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, "The device sent too many HTTP headers.");
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, $"The device sent an invalid HTTP header: '{Printable(line)}'.");
                }

                var name = line[..colon];
                var value = line[(colon + 1)..].Trim();
                if (name == "Set-Cookie")
                {
                    // esp_prov matches the header name case-sensitively and keeps the whole value.
                    setCookie = value;
                }
                else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    contentLength = long.TryParse(value, out var length) && length >= 0
                        ? length
                        : throw new TransportException(TransportFailure.InvalidResponse, $"The device sent an invalid Content-Length '{Printable(value)}'.");
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                }
                else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    close |= value.Equals("close", StringComparison.OrdinalIgnoreCase);
                }
            }

            byte[] body;
            if (chunked)
            {
                body = await ReadChunkedAsync(maxBody, cancellationToken).ConfigureAwait(false);
            }
            else if (contentLength is { } length)
            {
                if (length > maxBody)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, $"The device announced a {length}-byte response; at most {maxBody} are accepted.");
                }

                body = await ReadExactAsync((int)length, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                body = await ReadToEndAsync(maxBody, cancellationToken).ConfigureAwait(false);
                close = true;
            }

            return new HttpResponse(status, body, setCookie, close);
        }

        private async Task<byte[]> ReadChunkedAsync(int maxBody, CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = (await ReadLineAsync(cancellationToken, allowEof: false).ConfigureAwait(false))!;
                var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
                var sizeText = semicolon >= 0 ? sizeLine[..semicolon] : sizeLine;
                if (!int.TryParse(sizeText.Trim(), System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0 || body.Length + size > maxBody)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, "The device sent an invalid or oversized chunked body.");
                }

                if (size == 0)
                {
                    while ((await ReadLineAsync(cancellationToken, allowEof: false).ConfigureAwait(false))!.Length != 0)
                    {
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactAsync(size, cancellationToken).ConfigureAwait(false));
                await ReadLineAsync(cancellationToken, allowEof: false).ConfigureAwait(false);
            }
        }

        private async Task<byte[]> ReadExactAsync(int length, CancellationToken cancellationToken)
        {
            var result = new byte[length];
            var filled = 0;
            while (filled < length)
            {
                if (_bufferStart == _bufferEnd && !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new TransportException(TransportFailure.ClosedWithoutResponse, $"The device closed the connection after {filled} of {length} response bytes.");
                }

                var take = Math.Min(length - filled, _bufferEnd - _bufferStart);
                _buffer.AsSpan(_bufferStart, take).CopyTo(result.AsSpan(filled));
                _bufferStart += take;
                filled += take;
            }

            return result;
        }

        private async Task<byte[]> ReadToEndAsync(int maxBody, CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            do
            {
                body.Write(_buffer, _bufferStart, _bufferEnd - _bufferStart);
                _bufferStart = _bufferEnd;
                if (body.Length > maxBody)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, $"The device sent more than {maxBody} response bytes.");
                }
            }
            while (await FillAsync(cancellationToken).ConfigureAwait(false));

            return body.ToArray();
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken, bool allowEof)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_bufferStart == _bufferEnd && !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (allowEof && line.Length == 0)
                    {
                        return null;
                    }

                    throw new TransportException(TransportFailure.ClosedWithoutResponse, "The device closed the connection in the middle of an HTTP response.");
                }

                var b = _buffer[_bufferStart++];
                if (b == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                if (line.Length >= 8192)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, "The device sent an HTTP header line longer than 8 KiB.");
                }

                line.Append((char)b);
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _bufferStart = 0;
            _bufferEnd = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            return _bufferEnd > 0;
        }

        private static string Printable(string text) =>
            new(text.Take(80).Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray());

        public void Dispose()
        {
            _stream.Dispose();
            _socket.Dispose();
        }
    }
}
