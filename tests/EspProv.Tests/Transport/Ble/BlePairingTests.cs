using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>
/// The bond rules, once for every backend: pairing only with consent, a bond made for the session is forgotten
/// afterwards unless kept, and a bond the user made is never touched.
/// </summary>
public sealed class BlePairingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pairing_is_not_done_silently_the_request_fails_with_a_typed_error(bool withoutAttCode)
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_PAIR") { RequiresPairing = true, PairingDemandWithoutAttCode = withoutAttCode });
        await using var transport = await FakeBench.ConnectAsync(central, "PROV_PAIR");

        var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));

        Assert.False(error.Declined);
        Assert.Equal("24:0A:C4:00:00:01", error.Device.Address);
        Assert.Contains("PROV_PAIR", error.Message);
        Assert.Equal(0, device.PairCalls);
        Assert.False(device.Bonded);
    }

    [Fact]
    public async Task Allowed_pairing_pairs_retries_the_request_and_forgets_the_bond_on_dispose()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_PAIR") { RequiresPairing = true });
        var transport = await BleTransport.ConnectAsync(FakeBench.Options(central, "PROV_PAIR") with { AllowPairing = true }, Ct);

        var client = await FakeBench.HandshakeAsync(transport);
        await FakeBench.AssertEchoAsync(transport, client, 40);
        var bondedDuringSession = device.Bonded;
        await transport.DisposeAsync();

        Assert.True(bondedDuringSession);
        Assert.Equal(1, device.PairCalls);
        Assert.Equal(1, device.ForgetCalls);
        Assert.False(device.Bonded);
        Assert.Equal(1, device.Disconnects);
    }

    [Fact]
    public async Task KeepBond_keeps_the_bond_the_session_made()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_PAIR") { RequiresPairing = true });
        var transport = await BleTransport.ConnectAsync(FakeBench.Options(central, "PROV_PAIR") with { AllowPairing = true, KeepBond = true }, Ct);

        await FakeBench.HandshakeAsync(transport);
        await transport.DisposeAsync();

        Assert.Equal(1, device.PairCalls);
        Assert.Equal(0, device.ForgetCalls);
        Assert.True(device.Bonded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConfirmPairing_is_asked_once_and_its_answer_decides(bool answer)
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_ASK") { RequiresPairing = true });
        var asked = new List<BleDeviceInfo>();
        var options = FakeBench.Options(central, "PROV_ASK") with
        {
            ConfirmPairing = (info, _) =>
            {
                asked.Add(info);
                return ValueTask.FromResult(answer);
            },
        };
        var transport = await BleTransport.ConnectAsync(options, Ct);

        if (answer)
        {
            await FakeBench.HandshakeAsync(transport);
            await transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct);
        }
        else
        {
            var error = await Assert.ThrowsAsync<BlePairingRequiredException>(() => FakeBench.HandshakeAsync(transport));
            Assert.True(error.Declined);
        }

        await transport.DisposeAsync();

        Assert.Equal("PROV_ASK", Assert.Single(asked).Name);
        Assert.Equal(answer ? 1 : 0, device.PairCalls);
        Assert.Equal(answer ? 1 : 0, device.ForgetCalls); // a confirmed bond is still only for this session
        Assert.False(device.Bonded);
    }

    [Fact]
    public async Task A_bond_the_user_made_is_never_forgotten()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_MINE") { RequiresPairing = true, Bonded = true, FailConnects = 1 });
        var transport = await FakeBench.ConnectAsync(central, "PROV_MINE");

        await FakeBench.HandshakeAsync(transport);
        await transport.DisposeAsync();

        Assert.Equal(2, device.ConnectCalls);
        Assert.Equal(0, device.ForgetCalls);
        Assert.Equal(0, device.PairCalls);
        Assert.True(device.Bonded);
    }

    [Fact]
    public async Task A_device_that_still_refuses_after_pairing_is_connection_refused_after_one_pairing()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_MITM") { RequiresPairing = true, PairingIsNotEnough = true });
        var transport = await BleTransport.ConnectAsync(FakeBench.Options(central, "PROV_MITM") with { AllowPairing = true }, Ct);

        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));
        await transport.DisposeAsync();

        Assert.Equal(TransportFailure.ConnectionRefused, error.Failure);
        Assert.Contains("still refuses", error.Message);
        Assert.Contains("Insufficient Authentication", error.Message);
        Assert.Equal(1, device.PairCalls);
        Assert.False(device.Bonded);
    }

    [Fact]
    public async Task Failed_pairing_is_connection_refused_and_nothing_is_left_bonded()
    {
        using var central = new FakeBleCentral();
        var device = central.Add(new FakePeripheral("PROV_NOPAIR") { RequiresPairing = true, PairFails = true });
        var transport = await BleTransport.ConnectAsync(FakeBench.Options(central, "PROV_NOPAIR") with { AllowPairing = true }, Ct);

        var error = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.ProtoVer, "-"u8.ToArray(), Ct));
        await transport.DisposeAsync();

        Assert.Equal(TransportFailure.ConnectionRefused, error.Failure);
        Assert.Contains("pairing failed: Authentication Failed", error.Message);
        Assert.False(device.Bonded);
    }
}
