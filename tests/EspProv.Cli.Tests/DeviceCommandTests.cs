using System.Net;
using System.Net.Sockets;
using EspProv.Cli.Tests.Support;

namespace EspProv.Cli.Tests;

/// <summary><c>esp-prov device</c> as a real process, serving the CLI client.</summary>
public sealed class DeviceCommandTests
{
    [Fact]
    public async Task Device_serves_one_provisioning_and_exits_when_provisioned()
    {
        using var device = await DeviceProcess.StartAsync(1, "--port", "0", "--sec-ver", "1", "--pop", "device-pop", "--exit-when-provisioned");
        var port = Assert.Single(device.Ports);
        Assert.Contains("Security: 1 (PoP required)", device.Stderr, StringComparison.Ordinal);

        var run = await CliRunner.RunAsync("--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--pop", "device-pop", "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--poll-interval", "0.05");

        Assert.Equal(1, run.AssertSuccess().GetProperty("security").GetInt32());
        Assert.Equal(0, await device.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains("GetStatus -> Connected ssid=\"OracleNet\"", device.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret123", device.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", device.Stderr, StringComparison.OrdinalIgnoreCase); // loopback: nothing to warn about
    }

    [Theory]
    [InlineData(new string[0], "--sec2_username wifiprov --sec2_pwd abcd1234", """{"ver":"v1","name":"PROV_5E1F00","username":"wifiprov","pop":"abcd1234","transport":"softap"}""")]
    [InlineData(new[] { "--sec-ver", "1", "--pop", "my pop" }, "--pop 'my pop'", """{"ver":"v1","name":"PROV_5E1F00","pop":"my pop","transport":"softap"}""")]
    [InlineData(new[] { "--sec-ver", "0" }, "", """{"ver":"v1","name":"PROV_5E1F00","transport":"softap"}""")]
    public async Task Banner_prints_the_example_qr_payload_and_a_command_that_provisions_the_device(string[] security, string credentials, string qr)
    {
        using var device = await DeviceProcess.StartAsync(1, ["--port", "0", "--service-name", "PROV_5E1F00", "--exit-when-provisioned", .. security]);
        var port = Assert.Single(device.Ports);
        Assert.Contains($"QR payload: {qr}\n", device.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var command = device.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("Provision it: ", StringComparison.Ordinal))["Provision it: ".Length..];
        Assert.Equal($"esp-prov --transport httpd --service_name 127.0.0.1:{port}{(credentials.Length > 0 ? " " + credentials : "")}", command);

        var run = await CliRunner.RunShellAsync($"{command} --ssid OracleNet --passphrase secret123 --json --non-interactive --poll-interval 0.05");

        run.AssertSuccess();
        Assert.Equal(0, await device.WaitForExitAsync(TimeSpan.FromSeconds(45)));
    }

    [Theory]
    [InlineData(new string[0], "the security 2 credentials are the defaults wifiprov/abcd1234 of ESP-IDF's example, which are public")]
    [InlineData(new[] { "--sec-ver", "1" }, "the proof of possession is the default \"abcd1234\" of ESP-IDF's example, which is public")]
    [InlineData(new[] { "--sec-ver", "0" }, "security 0 asks for no credentials at all")]
    [InlineData(new[] { "--sec2-password", "my-own-secret" }, "its credentials are your own")]
    public async Task Binding_beyond_loopback_warns_who_can_provision_the_device(string[] security, string exposure)
    {
        // Binds every interface, but the test only ever talks to 127.0.0.1.
        using var device = await DeviceProcess.StartAsync(1, ["--host", "0.0.0.0", "--port", "0", "--lifetime", "60", .. security]);
        var port = Assert.Single(device.Ports);

        var warning = Assert.Single(device.Stderr.Split('\n'), l => l.StartsWith("esp-prov device: warning: ", StringComparison.Ordinal));
        Assert.Contains("listening on 0.0.0.0, not loopback", warning, StringComparison.Ordinal);
        Assert.EndsWith(exposure + ".", warning.TrimEnd(), StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var reply = await http.PostAsync("proto-ver", new ByteArrayContent("---"u8.ToArray()), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
    }

    [Theory]
    [InlineData("--max-connections", "0")] // below 1
    [InlineData("--sec-ver", "7")]
    public async Task Invalid_device_option_exits_2_naming_the_option(string option, string value)
    {
        var run = await CliRunner.RunAsync(["device", option, value, "--port", "0"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_3_serves_three_devices_on_consecutive_ports()
    {
        var first = FreeConsecutivePorts(3);
        using var device = await DeviceProcess.StartAsync(3, "--port", first.ToString(System.Globalization.CultureInfo.InvariantCulture), "--count", "3", "--exit-when-provisioned");
        Assert.Equal([first, first + 1, first + 2], device.Ports);

        var runs = await Task.WhenAll(device.Ports.Select(port => CliRunner.RunAsync(
            "--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234",
            "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--poll-interval", "0.05")));

        Assert.All(runs, run => Assert.Equal(2, run.AssertSuccess().GetProperty("security").GetInt32()));
        Assert.Equal(0, await device.WaitForExitAsync(TimeSpan.FromSeconds(45)));
    }

    [Fact]
    public async Task Lifetime_ends_the_device_on_its_own()
    {
        using var device = await DeviceProcess.StartAsync(1, "--port", "0", "--lifetime", "2", "--sec-ver", "0");

        Assert.Equal(0, await device.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains("Security: 0 (no security)", device.Stderr, StringComparison.Ordinal);
    }

    private static int FreeConsecutivePorts(int count)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var first = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (first + count - 1 > 65535)
            {
                continue;
            }

            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, first + i);
                    listener.Start();
                    listeners.Add(listener);
                }

                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException("No run of free consecutive loopback ports found.");
    }
}
