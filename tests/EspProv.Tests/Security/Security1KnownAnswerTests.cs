using EspProv.Crypto;
using EspProv.Security;
using EspProv.Tests.Support;
using static EspProv.Tests.Support.SpecVectors;

namespace EspProv.Tests.Security;

/// <summary>Spec section 11.2: the security 1 worked example, byte for byte, from both halves.</summary>
public sealed class Security1KnownAnswerTests
{
    private static (Security1Client Client, Security1Device Device) Pair() => (
        new Security1Client("abcd1234"u8.ToArray(), new FixedRandomSource(Hex.Bytes(Sec1ClientPrivate))),
        new Security1Device("abcd1234"u8.ToArray(), new FixedRandomSource(Hex.Bytes(Sec1DevicePrivate), Hex.Bytes(Sec1DeviceRandom))));

    [Fact]
    public void Handshake_messages_match_the_spec()
    {
        var (client, device) = Pair();

        var cmd0 = client.Start();
        Assert.Equal(Sec1Cmd0, Hex.Of(cmd0));
        var resp0 = device.HandleSessionRequest(cmd0);
        Assert.Equal(Sec1Resp0, Hex.Of(resp0));
        var cmd1 = client.Continue(resp0)!;
        Assert.Equal(Sec1Cmd1, Hex.Of(cmd1));
        Assert.Equal(Sec1Key, Hex.Of(client.SessionKey));
        var resp1 = device.HandleSessionRequest(cmd1);
        Assert.Equal(Sec1Resp1, Hex.Of(resp1));
        Assert.Null(client.Continue(resp1));
        Assert.True(client.IsEstablished);
        Assert.True(device.IsEstablished);
        Assert.Equal(Sec1ClientPublic, Hex.Of(client.ClientPublicKey));
    }

    [Fact]
    public void First_encrypted_messages_continue_one_shared_keystream()
    {
        var (client, device) = Pair();
        Establish(client, device);

        var request = client.Encrypt(Hex.Bytes("5200"));
        Assert.Equal("51c4", Hex.Of(request));
        Assert.Equal("5200", Hex.Of(device.Decrypt(request)));

        var response = device.Encrypt(Hex.Bytes("08015a021001"));
        Assert.Equal("ac48196642f9", Hex.Of(response));
        Assert.Equal("08015a021001", Hex.Of(client.Decrypt(response)));
    }

    internal static void Establish(IClientSecurity client, IDeviceSecurity device)
    {
        var request = client.Start();
        while (request is not null)
        {
            request = client.Continue(device.HandleSessionRequest(request));
        }
    }
}
