using System.Net;
using System.Net.Sockets;
using EspProv.Cli.Tests.Support;

namespace EspProv.Cli.Tests;

/// <summary>Link failures: nothing listening, and a peer that never answers.</summary>
public sealed class TransportFailureTests
{
    /// <summary>A loopback port that was free a moment ago: nothing listens on it.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Nothing_listening_exits_3_transport()
    {
        var port = ClosedPort();

        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--sec_ver", "0", "--ssid", "x", "--passphrase", "y", "--json"]);

        run.AssertFailure(3, "transport");
    }

    [Fact]
    public async Task Nothing_listening_in_human_mode()
    {
        var port = ClosedPort();

        var run = await CliRunner.RunAsync(["--transport", "httpd", "--service_name", $"127.0.0.1:{port}", "--ssid", "x", "--passphrase", "y"]);

        run.AssertHumanFailure(3, "transport");
    }

    [Fact]
    public async Task Silent_peer_hits_the_request_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var held = new List<TcpClient>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    lock (held)
                    {
                        held.Add(client); // accept, read nothing, answer nothing
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, TestContext.Current.CancellationToken);

        try
        {
            var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--request-timeout", "0.5", "--ssid", "x", "--passphrase", "y", "--json"]);

            run.AssertFailure(3, "transport_timeout");
            Assert.InRange(run.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(45));
            Assert.NotEmpty(held);
        }
        finally
        {
            await stop.CancelAsync();
            await accepting;
            foreach (var client in held)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Unknown_transport_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync("--transport", "carrier-pigeon", "--json");

        run.AssertFailure(2, "usage");
    }

    [Fact]
    public async Task Unknown_flag_in_json_mode_is_a_json_usage_error()
    {
        var run = await CliRunner.RunAsync("--transport", "softap", "--no-such-flag", "--json");

        run.AssertFailure(2, "usage");
        Assert.Single(run.JsonLines);
    }

    [Fact]
    public async Task Unknown_flag_in_human_mode_is_one_error_line()
    {
        var run = await CliRunner.RunAsync("--transport", "softap", "--sec_ver", "one");

        var line = run.AssertHumanFailure(2, "usage");
        Assert.Contains("--sec_ver", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
