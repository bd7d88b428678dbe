using System.Text.Json;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Hosts.Http;
using EspProv.Simulator.Tests.Support;
using EspProv.Transport;

namespace EspProv.Simulator.Tests.Hosts;

public sealed class SimulatorHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_devices_are_provisioned_in_parallel_over_http()
    {
        var log = new StringWriter();
        await using var simulator = await SimulatorHost.StartAsync(
            new DeviceOptions { Security = SecurityVersion.Sec2, ConnectAfterPolls = 2, Sec2Password = "hunter22pass" },
            new SimulatorHostOptions { Port = 0, Count = 20 },
            log,
            Ct);
        Assert.Equal(20, simulator.HttpHosts.Count);
        Assert.Equal(20, simulator.HttpHosts.Select(h => h.Port).Distinct().Count());

        await Task.WhenAll(simulator.HttpHosts.Select(async (host, i) =>
        {
            await using var connection = await RawHttpConnection.OpenAsync(host.Port);
            var client = new HttpProvClient(connection, EngineClient.ClientFor(host.Device.Options));
            await client.EstablishAsync();
            Assert.Equal("08036a00", await client.SendAsync(Endpoints.ProvConfig, Messages.SetConfig("OracleNet", $"pass-{i:d2}-secret")));
            Assert.Equal("08057a00", await client.SendAsync(Endpoints.ProvConfig, Messages.ApplyConfig));
            string? status = "08015a021001";
            for (var poll = 0; poll < 5 && status == "08015a021001"; poll++)
            {
                status = await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus);
            }

            Assert.StartsWith("08015a285a26", status, StringComparison.Ordinal);
        }));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"pass-{i:d2}-secret", simulator.Devices[i].Snapshot.AppliedCredentials!.PassphraseText);
        }

        var text = log.ToString();
        Assert.DoesNotContain("-secret", text, StringComparison.Ordinal);
        // Only the banner's QR payload carries the security 2 password, as ESP-IDF's examples print it.
        Assert.DoesNotContain("hunter22pass", string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("QR payload: ", StringComparison.Ordinal))), StringComparison.Ordinal);
        Assert.Contains("SetConfig ssid=\"OracleNet\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_http_log_names_sessions_by_a_tag_never_by_the_cookie()
    {
        var log = new StringWriter();
        await using var simulator = await SimulatorHost.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 }, new SimulatorHostOptions { Port = 0 }, log, Ct);
        var host = simulator.HttpHosts[0];
        await using var connection = await RawHttpConnection.OpenAsync(host.Port);
        var client = new HttpProvClient(connection, EngineClient.ClientFor(host.Device.Options));
        await client.EstablishAsync();
        Assert.Equal("08015a021001", await client.SendAsync(Endpoints.ProvConfig, Messages.GetStatus));
        // A stale cookie (a session id that is not the current one) must not be logged either.
        await using var stale = await RawHttpConnection.OpenAsync(host.Port);
        Assert.NotNull(await stale.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray(), cookie: "session=4242424242"));

        var id = connection.Cookie!["session=".Length..];
        var tag = HttpDeviceHost.SessionTag(uint.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
        var text = log.ToString();
        Assert.Matches("^#[0-9a-f]{8}$", tag);
        Assert.Contains($"new session {tag} on connection", text, StringComparison.Ordinal);
        Assert.Contains($"prov-config {tag}: GetStatus", text, StringComparison.Ordinal);
        Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banner_prints_the_qr_payload_with_pop_for_sec1_and_username_and_password_as_pop_for_sec2()
    {
        var log = new StringWriter();
        await using (var sec1 = await SimulatorHost.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, ServiceName = "PROV_ABC123" }, new SimulatorHostOptions { Port = 0 }, log, Ct))
        {
            Assert.Contains("QR payload: {\"ver\":\"v1\",\"name\":\"PROV_ABC123\",\"pop\":\"abcd1234\",\"transport\":\"softap\"}", log.ToString(), StringComparison.Ordinal);
        }

        log = new StringWriter();
        await using var sec2 = await SimulatorHost.StartAsync(new DeviceOptions { Sec2Password = "topsecretpw" }, new SimulatorHostOptions { Port = 0 }, log, Ct);
        var line = log.ToString().Split('\n').Single(l => l.StartsWith("QR payload: ", StringComparison.Ordinal));
        using var qr = JsonDocument.Parse(line["QR payload: ".Length..]);
        Assert.Equal("wifiprov", qr.RootElement.GetProperty("username").GetString());
        // ESP-IDF's security 2 examples print the password as "pop", and the phone apps read it there.
        Assert.Equal("topsecretpw", qr.RootElement.GetProperty("pop").GetString());
        Assert.Contains(sec2.HttpHosts[0].BaseAddress.ToString(), log.ToString(), StringComparison.Ordinal);

        // Given a salt and verifier, the device does not know its password: nothing to print.
        log = new StringWriter();
        await using var fromVerifier = await SimulatorHost.StartAsync(new DeviceOptions { Sec2Salt = new byte[16], Sec2Verifier = new byte[384] }, new SimulatorHostOptions { Port = 0 }, log, Ct);
        line = log.ToString().Split('\n').Single(l => l.StartsWith("QR payload: ", StringComparison.Ordinal));
        using var noPassword = JsonDocument.Parse(line["QR payload: ".Length..]);
        Assert.False(noPassword.RootElement.TryGetProperty("pop", out _));
    }

    [Fact]
    public async Task Console_transport_runs_until_input_ends_and_keeps_stdout_protocol_only()
    {
        var output = new StringWriter();
        var log = new StringWriter();
        var exit = await SimulatorHost.RunAsync(
            new DeviceOptions { Security = SecurityVersion.Sec0 },
            new SimulatorHostOptions { Transport = TransportKind.Console, ConsoleInput = new StringReader("prov-session 1 5203a20100\nbogus\n"), ConsoleOutput = output },
            log,
            Ct);
        Assert.Equal(0, exit);
        Assert.Equal("52050801aa0100\n", output.ToString());
        Assert.Contains("QR payload", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("unrecognized command", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ends_when_every_device_stopped_provisioning()
    {
        var log = new StringWriter();
        await using var simulator = await SimulatorHost.StartAsync(
            new DeviceOptions { Security = SecurityVersion.Sec0, ConnectAfterPolls = 1, CleanupDelay = TimeSpan.Zero },
            new SimulatorHostOptions { Port = 0, ExitWhenProvisioned = true, Lifetime = TimeSpan.FromSeconds(30) },
            log,
            Ct);
        var device = simulator.Devices[0];
        await device.HandleAsync(Endpoints.ProvConfig, 0, Messages.SetConfig("OracleNet", "secretpass"), Ct);
        await device.HandleAsync(Endpoints.ProvConfig, 0, Messages.ApplyConfig, Ct);
        await device.HandleAsync(Endpoints.ProvConfig, 0, Messages.GetStatus, Ct);
        await simulator.WaitAsync(Ct);
        Assert.True(device.IsStopped);
        Assert.Contains("all devices stopped", log.ToString(), StringComparison.Ordinal);
    }
}
