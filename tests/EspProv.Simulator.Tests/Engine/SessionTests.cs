using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Engine;

public sealed class SessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SecurityVersion.Sec0, 1)]
    [InlineData(SecurityVersion.Sec1, 1)]
    [InlineData(SecurityVersion.Sec2, 0)]
    [InlineData(SecurityVersion.Sec2, 1)]
    public async Task Client_halves_establish_a_session_and_talk_encrypted(SecurityVersion security, int patch)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = security, Sec2PatchLevel = patch });
        var client = await EngineClient.ConnectAsync(device);
        Assert.True(device.Snapshot.SessionEstablished);
        Assert.Equal("08015a021001", await client.ConfigAsync(Messages.GetStatus));
        Assert.Equal("08015a021001", await client.ConfigAsync(Messages.GetStatus));
    }

    [Fact]
    public async Task Sec1_without_pop_accepts_an_empty_pop()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1, NoPop = true });
        var client = await EngineClient.ConnectAsync(device);
        Assert.Equal("08015a021001", await client.ConfigAsync(Messages.GetStatus));
    }

    [Fact]
    public async Task Wrong_pop_is_rejected_and_no_credentials_get_through()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var client = new EngineClient(device, EngineClient.ClientFor(device.Options, pop: "WRONGPOP"));
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(client.EstablishAsync);
        Assert.Equal(DeviceFailureReason.WrongCredentials, failure.Reason);
        var refused = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvConfig, client.SessionId, Messages.SetConfig("x", "y"), Ct));
        Assert.Equal(DeviceFailureReason.SessionNotEstablished, refused.Reason);
        Assert.False(device.Snapshot.ReceivedCredentials);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Wrong_sec2_password_is_rejected(int patch)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Sec2PatchLevel = patch });
        var client = new EngineClient(device, EngineClient.ClientFor(device.Options, password: "wrongpass"));
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(client.EstablishAsync);
        Assert.Equal(DeviceFailureReason.WrongCredentials, failure.Reason);
        Assert.False(device.Snapshot.SessionEstablished);
        Assert.False(device.Snapshot.ReceivedCredentials);
    }

    [Fact]
    public async Task Custom_sec2_credentials_derive_their_own_verifier()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Sec2Username = "alice", Sec2Password = "s3cret!" });
        var client = await EngineClient.ConnectAsync(device);
        Assert.Equal("08015a021001", await client.ConfigAsync(Messages.GetStatus));
    }

    [Fact]
    public async Task Requests_from_another_session_id_are_refused()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var client = await EngineClient.ConnectAsync(device, sessionId: 1);
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvConfig, 2, Messages.GetStatus, Ct));
        Assert.Equal(DeviceFailureReason.SessionMismatch, failure.Reason);
    }

    [Fact]
    public async Task Opening_a_new_session_drops_the_old_secure_session()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec2 });
        var first = await EngineClient.ConnectAsync(device, sessionId: 1);
        await device.OpenSessionAsync(2, Ct);
        await Assert.ThrowsAsync<DeviceRequestFailedException>(() => first.ConfigAsync(Messages.GetStatus));
        var second = await EngineClient.ConnectAsync(device, sessionId: 3);
        Assert.Equal("08015a021001", await second.ConfigAsync(Messages.GetStatus));
    }

    [Fact]
    public async Task Tampered_sec2_ciphertext_fails_decryption()
    {
        using var device = new SimulatedDevice(new DeviceOptions());
        var client = await EngineClient.ConnectAsync(device);
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvConfig, client.SessionId, new byte[18], Ct));
        Assert.Equal(DeviceFailureReason.DecryptionFailed, failure.Reason);
    }

    [Fact]
    public async Task Sec0_serves_request_endpoints_without_a_handshake_or_session()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0 });
        Assert.Equal("08015a021001", Hex.Of(await device.HandleAsync(Endpoints.ProvConfig, 12345, Messages.GetStatus, Ct)));
        Assert.Equal("52050801aa0100", Hex.Of(await device.HandleAsync(Endpoints.ProvSession, 1, Hex.Bytes("5203a20100"), Ct)));
    }

    [Theory]
    [InlineData("ff")]
    [InlineData("10015a00")]
    [InlineData("10025a00")]
    public async Task Malformed_or_wrong_scheme_handshakes_are_refused(string hex)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec2 });
        await device.OpenSessionAsync(1, Ct);
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvSession, 1, Hex.Bytes(hex), Ct));
        Assert.Equal(DeviceFailureReason.HandshakeRejected, failure.Reason);
    }

    [Fact]
    public async Task Unknown_endpoint_is_refused_and_logged_without_secrets()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var records = new List<DeviceRequestRecord>();
        device.RequestHandled += (_, r) => records.Add(r);
        var client = await EngineClient.ConnectAsync(device);
        await client.ConfigAsync(Messages.SetConfig("OracleNet", "supersecretpass"));
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync("nope", 7, new byte[] { 1 }, Ct));
        Assert.Equal(DeviceFailureReason.UnknownEndpoint, failure.Reason);
        Assert.Equal(4, records.Count);
        Assert.Equal(RequestOutcome.Failed, records[^1].Outcome);
        Assert.Contains("OracleNet", records[2].Detail, StringComparison.Ordinal);
        Assert.All(records, r => Assert.DoesNotContain("supersecretpass", r.ToString(), StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain("abcd1234", r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Endpoints_are_listed_in_registration_order_with_ble_ids()
    {
        using var device = new SimulatedDevice(new DeviceOptions { CustomEndpoints = ["custom-data", "extra"] });
        device.RegisterEndpoint("late", (_, _) => ValueTask.FromResult(Array.Empty<byte>()));
        Assert.Equal(
            [("prov-ctrl", 0xFF4F), ("prov-scan", 0xFF50), ("prov-session", 0xFF51), ("prov-config", 0xFF52), ("proto-ver", 0xFF53), ("custom-data", 0xFF54), ("extra", 0xFF55), ("late", 0xFF56)],
            device.Endpoints.Select(e => (e.Name, (int)e.BleId)).ToArray());
        Assert.Matches("^PROV_[0-9A-F]{6}$", device.ServiceName);
    }

    [Fact]
    public async Task Custom_data_replies_success_with_nul_and_custom_handlers_replace_it()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1, CustomEndpoints = ["custom-data", "echo"] });
        device.RegisterEndpoint("echo", (request, _) => ValueTask.FromResult(request.ToArray().Reverse().ToArray()));
        var client = await EngineClient.ConnectAsync(device);
        Assert.Equal("5355434345535300", await client.SendHexAsync(Endpoints.CustomData, "hello"u8.ToArray()));
        Assert.Equal("030201", await client.SendHexAsync("echo", [1, 2, 3]));
        Assert.Throws<InvalidOperationException>(() => device.RegisterEndpoint("later", (_, _) => ValueTask.FromResult(Array.Empty<byte>())));
    }

    [Fact]
    public async Task A_throwing_custom_handler_is_a_request_failure()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0 });
        device.RegisterEndpoint("boom", (_, _) => throw new InvalidOperationException("x"));
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync("boom", 0, new byte[] { 1 }, Ct));
        Assert.Equal(DeviceFailureReason.CustomHandlerFailed, failure.Reason);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SimulatedDevice(new DeviceOptions { Sec2PatchLevel = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedDevice(new DeviceOptions { ScanMaxEntries = 0 }));
        Assert.Throws<ArgumentException>(() => new SimulatedDevice(new DeviceOptions { CustomEndpoints = ["prov-config"] }));
        Assert.Throws<ArgumentException>(() => new SimulatedDevice(new DeviceOptions { Sec2Verifier = [1] }));
    }
}
