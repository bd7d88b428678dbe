using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Engine;

/// <summary>Device-side replays of the esp-prov-v5.5.5 recordings (fixtures README, "Device-side tests").</summary>
public sealed class FixtureReplayTests
{
    public static TheoryData<string> Names => new(Fixture.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Handler_layer_answers_every_recorded_plaintext_request_identically(string name)
    {
        var fixture = Fixture.Load(name);

        // Security 0 is a pass-through, so this drives the handlers exactly below the security layer.
        using var device = new SimulatedDevice(fixture.Options(SecurityVersion.Sec0));
        var replayed = 0;
        foreach (var exchange in fixture.Exchanges)
        {
            if (exchange.RequestPlain is not { } request)
            {
                continue;
            }

            var response = await device.HandleAsync(exchange.Endpoint, 0, request, TestContext.Current.CancellationToken);
            Fixture.AssertPlainEqual(exchange, response);
            replayed++;
        }

        Assert.Equal(replayed > 0, fixture.Exchanges.Any(e => e.RequestPlain is not null));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Full_session_with_the_recorded_client_credentials_reproduces_the_recording(string name)
    {
        var fixture = Fixture.Load(name);
        var options = fixture.Options();
        using var device = new SimulatedDevice(options);
        var client = new EngineClient(device, EngineClient.ClientFor(options, fixture.ClientString("pop") ?? string.Empty, fixture.ClientString("sec2_pwd")));
        var established = false;
        foreach (var exchange in fixture.Exchanges)
        {
            var endpoint = exchange.Endpoint;
            if (endpoint == Endpoints.ProtoVer)
            {
                var json = await device.HandleAsync(endpoint, client.SessionId, exchange.Request, TestContext.Current.CancellationToken);
                Assert.NotNull(exchange.Response);
                Assert.Equal(Hex.Of(exchange.Response), Hex.Of(json));
            }
            else if (endpoint == Endpoints.ProvSession)
            {
                if (!established)
                {
                    established = true;
                    var handshake = client.EstablishAsync();
                    if (fixture.Exchanges.Any(e => e.DeviceClosed))
                    {
                        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => handshake);
                        Assert.Equal(DeviceFailureReason.WrongCredentials, failure.Reason);
                        Assert.False(device.Snapshot.ReceivedCredentials);
                        return;
                    }

                    await handshake;
                }
            }
            else
            {
                Assert.False(exchange.DeviceClosed);
                Assert.NotNull(exchange.RequestPlain);
                var response = await client.SendAsync(endpoint, exchange.RequestPlain);
                Fixture.AssertPlainEqual(exchange, response);
            }
        }
    }

    [Fact]
    public async Task Sec1_and_sec2_command0_from_the_recordings_are_accepted()
    {
        foreach (var name in new[] { "sec1", "sec2" })
        {
            var fixture = Fixture.Load(name);
            using var device = new SimulatedDevice(fixture.Options());
            await device.OpenSessionAsync(1, TestContext.Current.CancellationToken);
            var command0 = fixture.Exchanges.First(e => e.Endpoint == Endpoints.ProvSession);
            var response = await device.HandleAsync(Endpoints.ProvSession, 1, command0.Request, TestContext.Current.CancellationToken);
            var data = EspProv.Protocol.Protocomm.SessionData.Parser.ParseFrom(response);
            if (name == "sec1")
            {
                Assert.Equal(32, data.Sec1.Sr0.DevicePubkey.Length);
                Assert.Equal(16, data.Sec1.Sr0.DeviceRandom.Length);
            }
            else
            {
                Assert.InRange(data.Sec2.Sr0.DevicePubkey.Length, 1, 384);
                Assert.Equal("036ee0c7bcb9eda84c9eac97d93decf4", Hex.Of(data.Sec2.Sr0.DeviceSalt.Span));
            }
        }
    }
}
