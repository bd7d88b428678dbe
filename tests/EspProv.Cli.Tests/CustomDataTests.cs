using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>--custom_data and the generic --endpoint with --data/--data-hex/--data-file.</summary>
public sealed class CustomDataTests
{
    private static async Task<(SimDevice Sim, List<byte[]> Received)> StartAsync(SecurityVersion security)
    {
        var sim = await SimDevice.StartAsync(new DeviceOptions { Security = security });
        var received = new List<byte[]>();
        sim.Device.RegisterEndpoint("custom-data", (request, _) =>
        {
            lock (received)
            {
                received.Add(request.ToArray());
            }

            return ValueTask.FromResult("SUCCESS\0"u8.ToArray());
        });
        return (sim, received);
    }

    [Fact]
    public async Task Custom_data_is_sent_encrypted_and_the_answer_shown_as_text_and_hex()
    {
        var (sim, received) = await StartAsync(SecurityVersion.Sec2);
        await using var owned = sim;
        var run = await CliRunner.RunAsync(sim.Provision("--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "--custom_data", "hello"));

        var result = run.AssertSuccess();
        Assert.Equal("5355434345535300", result.GetProperty("response_hex").GetString());
        Assert.Equal("192.168.1.123", result.GetProperty("ip4").GetString());
        var custom = Assert.Single(run.Progress, p => p.GetProperty("stage").GetString() == "custom_data");
        Assert.Contains("'SUCCESS\\0' (hex 5355434345535300)", custom.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("5355434345535300", custom.GetProperty("fields").GetProperty("response_hex").GetString());
        Assert.Equal("hello"u8.ToArray(), Assert.Single(received));
    }

    [Fact]
    public async Task Custom_data_in_human_mode()
    {
        var (sim, received) = await StartAsync(SecurityVersion.Sec1);
        await using var owned = sim;
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--custom_data", "hello", "--ssid", "OracleNet", "--passphrase", "x", "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Custom data response: 'SUCCESS\\0' (hex 5355434345535300)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("==== Provisioning was successful ====", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("hello"u8.ToArray(), Assert.Single(received));
    }

    [Fact]
    public async Task Endpoint_with_data_hex_calls_only_that_endpoint()
    {
        var (sim, received) = await StartAsync(SecurityVersion.Sec1);
        await using var owned = sim;
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--endpoint", "custom-data", "--data-hex", "01020304", "--json"));

        var result = run.AssertSuccess();
        Assert.Equal("5355434345535300", result.GetProperty("response_hex").GetString());
        Assert.False(result.TryGetProperty("ssid", out _));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, Assert.Single(received));
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Endpoint_with_data_file_and_human_output_prints_the_hex()
    {
        var (sim, received) = await StartAsync(SecurityVersion.Sec0);
        await using var owned = sim;
        var file = Path.Combine(Path.GetTempPath(), $"esp-prov-cli-{Guid.NewGuid():N}.bin");
        byte[] payload = [0x00, 0xff, 0x10, 0x80, 0x7f];
        await File.WriteAllBytesAsync(file, payload, TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRunner.RunAsync(sim.Args("--endpoint", "custom-data", "--data-file", file));

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("5355434345535300", run.Stdout.Split('\n').Select(l => l.Trim()), StringComparer.Ordinal);
            Assert.Equal(payload, Assert.Single(received));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Endpoint_with_text_data()
    {
        var (sim, received) = await StartAsync(SecurityVersion.Sec0);
        await using var owned = sim;
        var run = await CliRunner.RunAsync(sim.Args("--endpoint", "custom-data", "--data", "Grüße", "--json"));

        run.AssertSuccess();
        Assert.Equal("Grüße"u8.ToArray(), Assert.Single(received));
    }

    [Fact]
    public async Task Unknown_endpoint_is_incompatible()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--endpoint", "no-such-endpoint", "--data", "x", "--json"));

        run.AssertFailure(11, "unknown_endpoint");
    }

    [Theory]
    [InlineData("--data-hex", "0102")]
    [InlineData("--data", "x")]
    public async Task Data_without_endpoint_is_a_usage_error(string flag, string value)
    {
        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", "127.0.0.1:9", flag, value, "--json"]);

        run.AssertFailure(2, "usage");
    }

    [Fact]
    public async Task Invalid_data_hex_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", "127.0.0.1:9", "--endpoint", "custom-data", "--data-hex", "xyz", "--json"]);

        run.AssertFailure(2, "usage");
    }

    [Theory]
    [InlineData("custom data")]
    [InlineData("custom-data\r\nX-Injected: 1")]
    [InlineData("../proto-ver")]
    [InlineData("")]
    public async Task An_endpoint_name_that_would_break_the_request_line_is_a_usage_error(string name)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--endpoint", name, "--data", "x", "--json"));

        run.AssertFailure(2, "usage");
        Assert.Empty(sim.Records);
    }
}
