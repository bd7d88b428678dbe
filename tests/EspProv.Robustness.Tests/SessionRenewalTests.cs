using EspProv.Flows;
using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Testing.Transports;

namespace EspProv.Robustness.Tests;

/// <summary>
/// A status reply lost after the device handled the request (a softAP dropping while it changes
/// channel): the device's cipher has moved on, the client's has not. Sending again on that session would
/// reuse a GCM nonce (security 2) or CTR keystream bytes (security 1); the client must open a new session.
/// </summary>
public sealed class SessionRenewalTests
{
    public static TheoryData<SecurityVersion, int> Schemes => new()
    {
        { SecurityVersion.Sec1, 1 },
        { SecurityVersion.Sec2, 1 },
        { SecurityVersion.Sec2, 0 },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_lost_status_reply_is_followed_by_a_new_session_with_a_new_key(SecurityVersion security, int patchLevel)
    {
        using var device = new SimulatedDevice(Scenarios.Device(security) with { ConnectAfterPolls = 3, Sec2PatchLevel = patchLevel });

        // proto-ver, the handshake (1 round trip per step), SetConfig, ApplyConfig, then GetStatus: lose the second poll's reply.
        var handshake = 2;
        var lostAt = 1 + handshake + 2 + 1;
        ProvisioningClient? client = null;
        byte[]? keyBeforeLoss = null;
        var transport = new DeviceTransport(device) { LoseReplyAt = lostAt, OnReplyLost = () => keyBeforeLoss = SessionKey(client!.Security!) };
        await using (client = new ProvisioningClient(transport, ownsTransport: false))
        {
            var polls = new List<StatusPolled>();
            client.Progress += e =>
            {
                if (e is StatusPolled polled)
                {
                    polls.Add(polled);
                }
            };
            using var bound = Ct.Bounded(20);

            var result = await new Provisioner(client).ProvisionAsync(Scenarios.Session(security), Scenarios.Request(), bound.Token);

            Assert.NotNull(result.Wifi);
            Assert.Equal("prov-config", transport.Endpoints[lostAt]);

            // The next request after the loss is a new handshake, and only then a poll on the new session.
            var after = transport.Endpoints.Skip(lostAt + 1).ToList();
            Assert.Equal(Enumerable.Repeat("prov-session", handshake), after.Take(handshake));
            Assert.Equal("prov-config", after[handshake]);
            Assert.Equal(SessionState.Established, client.State);
            Assert.NotNull(keyBeforeLoss);
            Assert.False(keyBeforeLoss.AsSpan().SequenceEqual(SessionKey(client.Security!)), "the session after the loss must use a new key");
            Assert.Equal([PollState.LinkError, PollState.SessionRenewed], polls.Where(p => p.State is PollState.LinkError or PollState.SessionRenewed).Select(p => p.State));
        }

        Assert.Equal(Scenarios.Passphrase, device.Snapshot.AppliedCredentials!.PassphraseText);
    }

    [Fact]
    public async Task Other_requests_never_reuse_a_broken_session()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        var transport = new DeviceTransport(device) { LoseReplyAt = 3 };
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        await client.GetDeviceInfoAsync(cancellationToken: TestContext.Current.CancellationToken);
        await client.EstablishSessionAsync(Scenarios.Security(SecurityVersion.Sec2), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<EspProv.Errors.TransportException>(() => client.ScanWifiAsync(TestContext.Current.CancellationToken));
        Assert.Equal(SessionState.Broken, client.State);
        var sent = transport.Requests;

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ScanWifiAsync(TestContext.Current.CancellationToken));
        Assert.Equal(sent, transport.Requests);

        await client.RenewSessionAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(await client.ScanWifiAsync(TestContext.Current.CancellationToken));
    }

    private static byte[] SessionKey(IClientSecurity security) => security switch
    {
        Security1Client s1 => s1.SessionKey!.ToArray(),
        Security2Client s2 => s2.SessionKey!.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };
}
