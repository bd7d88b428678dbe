using System.Net;
using System.Net.Sockets;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Hosts.Http;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Hosts;

public sealed class HttpHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpDeviceHost> StartAsync(DeviceOptions? options = null) =>
        await HttpDeviceHost.StartAsync(new SimulatedDevice(options ?? new DeviceOptions { Security = SecurityVersion.Sec1 }), new HttpHostOptions(), Ct);

    [Fact]
    public async Task Proto_ver_over_httpclient_sets_the_session_cookie_once()
    {
        await using var host = await StartAsync();
        Assert.NotEqual(0, host.Port);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var first = await http.PostAsync("proto-ver", new ByteArrayContent("none"u8.ToArray()), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^session=[0-9]+$", cookie);
        Assert.Equal(host.Device.VersionJson.ToArray(), await first.Content.ReadAsByteArrayAsync(Ct));
        using var request = new HttpRequestMessage(HttpMethod.Post, "proto-ver") { Content = new ByteArrayContent("---"u8.ToArray()) };
        request.Headers.Add("Cookie", cookie);
        using var second = await http.SendAsync(request, Ct);
        Assert.False(second.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData(SecurityVersion.Sec0)]
    [InlineData(SecurityVersion.Sec1)]
    [InlineData(SecurityVersion.Sec2)]
    public async Task Full_provisioning_over_http_with_cookie(SecurityVersion security)
    {
        await using var host = await StartAsync(new DeviceOptions { Security = security, ConnectAfterPolls = 1, NoAutoStop = true });
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        var client = new HttpProvClient(connection, EngineClient.ClientFor(host.Device.Options));
        await client.EstablishAsync();
        Assert.NotNull(connection.Cookie);
        Assert.Equal("5355434345535300", await client.SendAsync(Endpoints.CustomData, "hello"u8.ToArray()));
        Assert.Equal("08036a00", await client.SendAsync(Endpoints.ProvConfig, Messages.SetConfig("OracleNet", "secretpass")));
        Assert.Equal("08057a00", await client.SendAsync(Endpoints.ProvConfig, Messages.ApplyConfig));
        Assert.StartsWith("08015a285a26", await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus), StringComparison.Ordinal);
        Assert.Equal("secretpass", host.Device.Snapshot.AppliedCredentials!.PassphraseText);
    }

    [Fact]
    public async Task Same_socket_without_cookie_continues_the_session()
    {
        await using var host = await StartAsync();
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        connection.EchoCookies = false;
        var client = new HttpProvClient(connection, EngineClient.ClientFor(host.Device.Options));
        await client.EstablishAsync();
        Assert.Null(connection.Cookie);
        Assert.Equal("08015a021001", await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
    }

    [Fact]
    public async Task A_second_client_replaces_the_first_whose_next_request_is_dropped()
    {
        await using var host = await StartAsync();
        await using var first = await RawHttpConnection.OpenAsync(host.Port);
        var a = new HttpProvClient(first, EngineClient.ClientFor(host.Device.Options));
        await a.EstablishAsync();
        await using var second = await RawHttpConnection.OpenAsync(host.Port);
        var b = new HttpProvClient(second, EngineClient.ClientFor(host.Device.Options));
        await b.EstablishAsync();
        Assert.NotEqual(first.Cookie, second.Cookie);
        Assert.Null(await a.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));

        // [quirk] A's stale cookie made a new session, so B's secure session is gone too until it shakes hands again.
        Assert.Null(await b.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
        await using var third = await RawHttpConnection.OpenAsync(host.Port);
        var c = new HttpProvClient(third, EngineClient.ClientFor(host.Device.Options));
        await c.EstablishAsync();
        Assert.Equal("08015a021001", await c.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
    }

    [Fact]
    public async Task Reconnecting_with_the_cookie_continues_the_secure_session()
    {
        await using var host = await StartAsync(new DeviceOptions());
        string cookie;
        var security = EngineClient.ClientFor(host.Device.Options);
        HttpProvClient client;
        await using (var connection = await RawHttpConnection.OpenAsync(host.Port))
        {
            client = new HttpProvClient(connection, security);
            await client.EstablishAsync();
            cookie = connection.Cookie!;
        }

        await using var again = await RawHttpConnection.OpenAsync(host.Port);
        again.Cookie = cookie;
        client.Connection = again;
        Assert.Equal("08015a021001", await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
    }

    [Fact]
    public async Task The_cookie_continues_the_session_after_the_device_saw_the_socket_close()
    {
        // Spec section 6.1 rule 4. The host processes a close asynchronously, so the test waits until it has;
        // otherwise the next request could arrive first and pass even if a close dropped the cookie session.
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var host = await HttpDeviceHost.StartAsync(new SimulatedDevice(new DeviceOptions()), new HttpHostOptions { Log = log.Enqueue }, Ct);
        host.ConnectionClosed += (_, _) => closed.TrySetResult();
        var client = new HttpProvClient(await RawHttpConnection.OpenAsync(host.Port), EngineClient.ClientFor(host.Device.Options));
        await client.EstablishAsync();
        var cookie = client.Connection.Cookie!;
        await client.Connection.DisposeAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await using var again = await RawHttpConnection.OpenAsync(host.Port);
        again.Cookie = cookie;
        client.Connection = again;
        Assert.Equal("08015a021001", await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
        Assert.Single(log, l => l.StartsWith("new session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_and_a_freed_slot_serves_again()
    {
        await using var host = await HttpDeviceHost.StartAsync(new SimulatedDevice(new DeviceOptions()), new HttpHostOptions { MaxConnections = 3 }, Ct);
        var held = new List<RawHttpConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var connection = await RawHttpConnection.OpenAsync(host.Port);
                held.Add(connection);
                Assert.Equal(200, (await connection.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray()))?.Status);
            }

            await using (var fourth = await RawHttpConnection.OpenAsync(host.Port))
            {
                Assert.Null(await fourth.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray()));
            }

            // The slot is released once the host has processed the close: retry, bounded in count and time.
            await held[0].DisposeAsync();
            held.RemoveAt(0);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            RawHttpConnection.Response? served = null;
            for (var attempt = 0; attempt < 200 && served is null && DateTime.UtcNow < deadline; attempt++)
            {
                await using var next = await RawHttpConnection.OpenAsync(host.Port);
                served = await next.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray());
                if (served is null)
                {
                    await Task.Delay(50, Ct);
                }
            }

            Assert.Equal(200, served?.Status);
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Unknown_uri_is_404_and_wrong_method_is_405_then_the_socket_closes()
    {
        await using var host = await StartAsync();
        await using (var connection = await RawHttpConnection.OpenAsync(host.Port))
        {
            Assert.Equal(404, (await connection.SendAsync("prov-nothing", "x"u8.ToArray()))!.Status);
            Assert.Null(await connection.SendAsync(Endpoints.ProtoVer, "x"u8.ToArray()));
        }

        await using var other = await RawHttpConnection.OpenAsync(host.Port);
        var response = await other.SendAsync(Endpoints.ProtoVer, null, method: "GET");
        Assert.Equal(405, response!.Status);
        Assert.Equal("text/html", response.Headers["Content-Type"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    [InlineData(-1)]
    public async Task Empty_absent_or_oversized_bodies_close_the_socket(int length)
    {
        await using var host = await StartAsync();
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        var body = length >= 0 ? new byte[length] : null;
        Assert.Null(await connection.SendAsync(Endpoints.ProtoVer, body));
    }

    [Fact]
    public async Task Exactly_4096_bytes_are_accepted()
    {
        await using var host = await StartAsync();
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        Assert.Equal(200, (await connection.SendAsync(Endpoints.ProtoVer, new byte[4096]))!.Status);
    }

    [Fact]
    public async Task Handler_failures_and_malformed_protobuf_close_without_response_and_leak_nothing()
    {
        await using var host = await StartAsync();
        await using (var connection = await RawHttpConnection.OpenAsync(host.Port))
        {
            Assert.Null(await connection.SendAsync(Endpoints.ProvSession, [0xff, 0xff, 0xff]));
        }

        await using (var connection = await RawHttpConnection.OpenAsync(host.Port))
        {
            Assert.Null(await connection.SendAsync(Endpoints.ProvConfig, Messages.SetConfig("OracleNet", "p")));
        }

        Assert.False(host.Device.Snapshot.ReceivedCredentials);
        Assert.Equal(2, host.Device.Snapshot.FailedRequests);
    }

    [Fact]
    public async Task Wrong_pop_closes_the_connection_at_command1()
    {
        await using var host = await StartAsync();
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        var security = EngineClient.ClientFor(host.Device.Options, pop: "WRONGPOP");
        var response0 = await connection.SendAsync(Endpoints.ProvSession, security.Start());
        var command1 = security.Continue(response0!.Body)!;
        Assert.Null(await connection.SendAsync(Endpoints.ProvSession, command1));
    }

    [Theory]
    [InlineData("session=1")]
    [InlineData("garbage;;==")]
    [InlineData("session=12345678901234567890")]
    public async Task Garbage_or_foreign_cookies_start_a_new_session(string cookie)
    {
        await using var host = await StartAsync();
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        connection.EchoCookies = false;
        var client = new HttpProvClient(connection, EngineClient.ClientFor(host.Device.Options));
        await client.EstablishAsync();
        var oldSession = host.Device.Snapshot.SessionId;

        // A cookie too long for httpd's 20-byte buffer counts as absent: the same socket keeps the session.
        var tooLong = cookie.Length > 19;
        var response = await connection.SendAsync(Endpoints.ProtoVer, "x"u8.ToArray(), cookie: cookie);
        Assert.Equal(200, response!.Status);
        Assert.Equal(!tooLong, response.Headers.ContainsKey("Set-Cookie"));
        Assert.Equal(tooLong, oldSession == host.Device.Snapshot.SessionId);
    }

    [Fact]
    public async Task A_half_closed_connection_does_not_wedge_other_clients()
    {
        await using var host = await StartAsync();
        using var stuck = new TcpClient();
        await stuck.ConnectAsync(IPAddress.Loopback, host.Port, Ct);
        var stuckStream = stuck.GetStream();
        await stuckStream.WriteAsync("POST /proto-ver HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"u8.ToArray(), Ct);
        stuck.Client.Shutdown(SocketShutdown.Send);

        // Wait until the device has dealt with the truncated request (it aborts the socket), so that
        // its session bookkeeping cannot land in the middle of the good client's handshake below.
        var buffer = new byte[256];
        using (var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            bound.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                while (await stuckStream.ReadAsync(buffer, bound.Token) > 0)
                {
                }
            }
            catch (IOException)
            {
            }
        }

        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, host.Port, Ct);
        await idle.GetStream().WriteAsync("POST /proto-ver HTTP/1.1\r\n"u8.ToArray(), Ct);

        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        var client = new HttpProvClient(connection, EngineClient.ClientFor(host.Device.Options));
        await client.EstablishAsync();
        Assert.Equal("08015a021001", await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
    }

    [Fact]
    public async Task A_stopped_device_answers_404()
    {
        var time = new ManualTimeProvider();
        var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0, ConnectAfterPolls = 1 }, time: time);
        await using var host = await HttpDeviceHost.StartAsync(device, new HttpHostOptions(), Ct);
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        await connection.SendAsync(Endpoints.ProvConfig, Messages.SetConfig("OracleNet", "secretpass"));
        await connection.SendAsync(Endpoints.ProvConfig, Messages.ApplyConfig);
        await connection.SendAsync(Endpoints.ProvConfig, Messages.GetStatus);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(404, (await connection.SendAsync(Endpoints.ProtoVer, "x"u8.ToArray()))!.Status);
    }
}
