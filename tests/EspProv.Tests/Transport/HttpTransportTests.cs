using EspProv.Errors;
using EspProv.Tests.Support;
using EspProv.Transport.Http;

namespace EspProv.Tests.Transport;

/// <summary>The HTTP transport's contract with esp_http_server (spec section 6.1).</summary>
public sealed class HttpTransportTests
{
    private static HttpTransport Connect(RawHttpServer server, double timeoutSeconds = 10) =>
        new(new HttpTransportOptions { Address = new HttpServiceAddress("127.0.0.1", server.Port), Timeout = TimeSpan.FromSeconds(timeoutSeconds) });

    [Fact]
    public async Task Posts_raw_bytes_with_esp_prov_headers_and_echoes_the_cookie_on_one_connection()
    {
        var first = true;
        await using var server = new RawHttpServer(request =>
        {
            var cookie = first ? "Set-Cookie: session=2886617469\r\n" : null;
            first = false;
            return RawHttpServer.Ok([.. request.Body, 0xff], cookie);
        });
        await using var transport = Connect(server);

        var response = await transport.SendAsync("proto-ver", "none"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal("none\xff"u8.ToArray()[..4], response[..4]);
        await transport.SendAsync("prov-session", new byte[] { 0, 1, 2 }, TestContext.Current.CancellationToken);

        Assert.Equal("session=2886617469", transport.SessionCookie);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("POST /proto-ver HTTP/1.1", server.Requests[0].RequestLine);
        Assert.Null(server.Requests[0].Header("Cookie"));
        Assert.Equal("session=2886617469", server.Requests[1].Header("Cookie"));
        Assert.Equal("application/x-www-form-urlencoded", server.Requests[1].Header("Content-type"));
        Assert.Equal("text/plain", server.Requests[1].Header("Accept"));
        Assert.Equal(new byte[] { 0, 1, 2 }, server.Requests[1].Body);
        Assert.Equal(server.Requests[0].Connection, server.Requests[1].Connection);
    }

    [Fact]
    public async Task Set_cookie_is_matched_case_sensitively_as_esp_prov_does()
    {
        await using var server = new RawHttpServer(request => RawHttpServer.Ok([1], "set-cookie: session=1\r\n"));
        await using var transport = Connect(server);
        await transport.SendAsync("proto-ver", "none"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Null(transport.SessionCookie);
    }

    [Fact]
    public async Task A_socket_closed_without_response_is_reported_and_the_request_is_not_resent()
    {
        await using var server = new RawHttpServer(request => request.Body[0] == 0xee ? null : RawHttpServer.Ok([7]));
        await using var transport = Connect(server);
        await transport.SendAsync("proto-ver", new byte[] { 1 }, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync("prov-session", new byte[] { 0xee }, TestContext.Current.CancellationToken));
        Assert.Equal(TransportFailure.ClosedWithoutResponse, ex.Failure);
        Assert.Equal("prov-session", ex.Endpoint);
        Assert.Single(server.Requests, r => r.Body[0] == 0xee);

        // The next request opens a new connection and works.
        Assert.Equal(new byte[] { 7 }, await transport.SendAsync("proto-ver", new byte[] { 2 }, TestContext.Current.CancellationToken));
        Assert.NotEqual(server.Requests[0].Connection, server.Requests[^1].Connection);
    }

    [Fact]
    public async Task Http_errors_are_typed()
    {
        await using var server = new RawHttpServer(request => request.RequestLine.Contains("/missing", StringComparison.Ordinal)
            ? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray()
            : "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        await using var transport = Connect(server);
        var notFound = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync("missing", new byte[] { 1 }, TestContext.Current.CancellationToken));
        Assert.Equal(TransportFailure.UnknownEndpoint, notFound.Failure);
        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync("prov-config", new byte[] { 1 }, TestContext.Current.CancellationToken));
        Assert.Equal(TransportFailure.HttpError, error.Failure);
    }

    [Fact]
    public async Task A_refused_connection_is_reported()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var transport = new HttpTransport(new HttpTransportOptions { Address = new HttpServiceAddress("127.0.0.1", port) });
        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync("proto-ver", new byte[] { 1 }, TestContext.Current.CancellationToken));
        Assert.Equal(TransportFailure.ConnectionRefused, ex.Failure);
    }

    [Fact]
    public async Task A_stalled_device_times_out_at_the_configured_time()
    {
        var release = new TaskCompletionSource();
        await using var server = new RawHttpServer(request =>
        {
            release.Task.Wait(TimeSpan.FromSeconds(10));
            return null;
        });
        await using var transport = Connect(server, timeoutSeconds: 0.3);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync("proto-ver", new byte[] { 1 }, TestContext.Current.CancellationToken));
        release.SetResult();
        Assert.Equal(TransportFailure.Timeout, ex.Failure);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(8));
    }
}
