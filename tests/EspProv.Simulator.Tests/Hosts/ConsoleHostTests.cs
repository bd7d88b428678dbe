using System.Text;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Hosts.Console;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Hosts;

public sealed class ConsoleHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SecurityVersion.Sec0)]
    [InlineData(SecurityVersion.Sec1)]
    [InlineData(SecurityVersion.Sec2)]
    public async Task Lines_in_hex_out_provision_the_device(SecurityVersion security)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = security, ConnectAfterPolls = 1 });
        var output = new StringWriter();
        var log = new List<string>();
        var host = new ConsoleDeviceHost(device, new StringReader(string.Empty), output, log.Add);
        var client = EngineClient.ClientFor(device.Options);

        async Task<byte[]> Send(string endpoint, byte[] request)
        {
            var hex = await host.HandleLineAsync($"{endpoint} 0 {Hex.Of(request)}", Ct);
            Assert.NotNull(hex);
            Assert.Equal(hex.ToLowerInvariant(), hex);
            return Hex.Bytes(hex);
        }

        Assert.Equal(device.VersionJson.ToArray(), await Send(Endpoints.ProtoVer, "none"u8.ToArray()));
        var request = client.Start();
        while (request is not null)
        {
            request = client.Continue(await Send(Endpoints.ProvSession, request));
        }

        Assert.Equal("08036a00", Hex.Of(client.Decrypt(await Send(Endpoints.ProvConfig, client.Encrypt(Messages.SetConfig("OracleNet", "secretpass"))))));
        Assert.Equal("08057a00", Hex.Of(client.Decrypt(await Send(Endpoints.ProvConfig, client.Encrypt(Messages.ApplyConfig)))));
        Assert.StartsWith("08015a285a26", Hex.Of(client.Decrypt(await Send(Endpoints.ProvConfig, client.Encrypt(Messages.GetStatus)))), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task Run_loop_writes_one_line_per_answered_request_and_an_error_log_line_for_refusals()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var input = new StringBuilder()
            .Append("proto-ver 0 6e6f6e65\r\n")
            .Append("\r\n")
            .Append("prov-session 0 ffff\n")
            .Append("unknown-cmd 0 00\n")
            .Append("prov-config 0 zz\n")
            .Append("proto-ver 0 6e6f6e65f\n")
            .ToString();
        var output = new StringWriter();
        var log = new List<string>();
        await new ConsoleDeviceHost(device, new StringReader(input), output, log.Add).RunAsync(Ct);
        var json = Hex.Of(device.VersionJson.Span);
        var lines = output.ToString().Split('\n');

        // Answers as hex; the refused prov-session as ESP-IDF's error log line; malformed lines print nothing.
        Assert.Equal(4, lines.Length);
        Assert.Equal(json, lines[0]);
        Assert.Matches(@"^E \(\d+\) protocomm_console: prov-session request failed$", lines[1]);
        Assert.Equal(json, lines[2]);
        Assert.Equal(string.Empty, lines[3]);
        Assert.Equal(3, log.Count);
    }

    [Fact]
    public async Task A_changed_session_id_starts_a_new_session()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var host = new ConsoleDeviceHost(device, new StringReader(string.Empty), new StringWriter());
        await host.HandleLineAsync("proto-ver 5 00", Ct);
        Assert.Equal(5u, device.Snapshot.SessionId);
        await host.HandleLineAsync("proto-ver 77abc 00", Ct);
        Assert.Equal(77u, device.Snapshot.SessionId);
        await host.HandleLineAsync("proto-ver -1 00", Ct);
        Assert.Equal(uint.MaxValue, device.Snapshot.SessionId);
    }
}
