using EspProv.Flows;
using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport;
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

    [Theory]
    [InlineData(SecurityVersion.Sec1)]
    [InlineData(SecurityVersion.Sec2)]
    public async Task A_renewal_that_meets_the_link_still_down_is_tried_again_at_the_next_poll(SecurityVersion security)
    {
        using var device = new SimulatedDevice(Scenarios.Device(security) with { ConnectAfterPolls = 3 });
        var handshake = 2;
        var lostAt = 1 + handshake + 2 + 1;

        // The reply of the second poll is lost, then the first handshake of the renewal is refused (the AP is still down).
        var transport = new DeviceTransport(device) { LoseReplyAt = lostAt, RefuseAt = new HashSet<int> { lostAt + 1 } };
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        using var bound = Ct.Bounded(20);

        var request = Scenarios.Request();
        var result = await new Provisioner(client).ProvisionAsync(Scenarios.Session(security), request with { Polling = request.Polling with { TransportRetries = 3 } }, bound.Token);

        Assert.NotNull(result.Wifi);
        var after = transport.Endpoints.Skip(lostAt + 1).ToList();
        Assert.Equal(["prov-session", .. Enumerable.Repeat("prov-session", handshake), "prov-config"], after.Take(handshake + 2));
        Assert.Equal(SessionState.Established, client.State);
    }

    [Fact]
    public async Task A_request_cancelled_after_it_went_out_breaks_the_session()
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        var inner = new DeviceTransport(device);
        var transport = new CancelledAfterSending(inner, at: 3);
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        await client.GetDeviceInfoAsync(cancellationToken: TestContext.Current.CancellationToken);
        await client.EstablishSessionAsync(Scenarios.Security(SecurityVersion.Sec2), TestContext.Current.CancellationToken);

        // The device has handled the scan start; the caller's cancellation wins the race with the reply.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ScanWifiAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SessionState.Broken, client.State);
        var sent = inner.Requests;
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ScanWifiAsync(TestContext.Current.CancellationToken));
        Assert.Equal(sent, inner.Requests);
    }

    /// <summary>Forwards every request; request number <c>at</c> reaches the device, then its caller gives up.</summary>
    private sealed class CancelledAfterSending(IProvTransport inner, int at) : IProvTransport
    {
        private int _count;

        public TransportKind Kind => inner.Kind;

        public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
        {
            var reply = await inner.SendAsync(endpoint, request, cancellationToken);
            return _count++ == at ? throw new OperationCanceledException("The caller cancelled after the request went out.") : reply;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
