using EspProv.Crypto;
using EspProv.Security;
using EspProv.Tests.Support;

namespace EspProv.Tests.Security;

/// <summary>Client and device halves of each scheme agree with each other on fresh random values.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Schemes() => ["sec0", "sec1-pop", "sec1-nopop", "sec2-patch0", "sec2-patch1"];

    internal static (IClientSecurity Client, IDeviceSecurity Device) Create(string scheme)
    {
        var credentials = Sec2Credentials.FromSalt("wifiprov", "abcd1234", Hex.Bytes(SpecVectors.Sec2Salt));
        return scheme switch
        {
            "sec0" => (new Security0Client(), new Security0Device()),
            "sec1-pop" => (new Security1Client("abcd1234"u8.ToArray()), new Security1Device("abcd1234"u8.ToArray())),
            "sec1-nopop" => (new Security1Client(ReadOnlyMemory<byte>.Empty), new Security1Device(ReadOnlyMemory<byte>.Empty)),
            "sec2-patch0" => (new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray()), new Security2Device(credentials.Salt, credentials.Verifier, 0)),
            "sec2-patch1" => (new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray()), new Security2Device(credentials.Salt, credentials.Verifier, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
        };
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Messages_flow_both_ways_after_the_handshake(string scheme)
    {
        var (client, device) = Create(scheme);
        Security1KnownAnswerTests.Establish(client, device);
        Assert.True(client.IsEstablished);
        Assert.True(device.IsEstablished);

        for (var i = 0; i < 20; i++)
        {
            var request = Enumerable.Range(0, i * 7).Select(b => (byte)(b + i)).ToArray();
            Assert.Equal(request, device.Decrypt(client.Encrypt(request)));
            var response = Enumerable.Range(0, 33 - i).Select(b => (byte)(b * 3)).ToArray();
            Assert.Equal(response, client.Decrypt(device.Encrypt(response)));
        }
    }

    [Fact]
    public void A_thousand_fresh_sec2_handshakes_all_succeed()
    {
        // Leading zero bytes in A, B, S or the salt broke 1 in 256 handshakes in other
        // implementations; a thousand fresh sessions make such a bug all but certain to show.
        var credentials = Sec2Credentials.FromSalt("wifiprov", "abcd1234", Hex.Bytes(SpecVectors.Sec2Salt));
        var shortB = 0;
        for (var i = 0; i < 1000; i++)
        {
            var client = new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray());
            var device = new Security2Device(credentials.Salt, credentials.Verifier, i % 2);
            var cmd0 = client.Start();
            var resp0 = device.HandleSessionRequest(cmd0);
            shortB += resp0.Length < 416 ? 1 : 0;
            var cmd1 = client.Continue(resp0)!;
            Assert.Null(client.Continue(device.HandleSessionRequest(cmd1)));
            Assert.Equal("5200", Hex.Of(device.Decrypt(client.Encrypt(Hex.Bytes("5200")))));
        }

        Assert.True(shortB < 1000);
    }

    [Fact]
    public void A_with_a_leading_zero_byte_is_drawn_again()
    {
        // Search for a secret whose A = g^a mod N is shorter than 384 bytes, then check the client
        // skips it, uses the next one and completes the handshake (esp_prov before v5.5.5 and
        // network_provisioning's esp_prov 1.2.4 sent such an A as 383 bytes and failed).
        var candidate = new byte[32];
        byte[]? shortSecret = null;
        for (var i = 0; i < 5000 && shortSecret is null; i++)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(candidate);
            candidate[0] |= 0x80;
            var publicA = Srp6aGroup.Minimal(Srp6aGroup.ModPow(Srp6aGroup.G, Srp6aGroup.FromBytes(candidate), Srp6aGroup.SecretBits));
            if (publicA.Length < 384)
            {
                shortSecret = (byte[])candidate.Clone();
            }
        }

        Assert.NotNull(shortSecret);
        var second = Hex.Bytes(SpecVectors.Sec2A);
        var client = new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), new FixedRandomSource(shortSecret, second));
        var cmd0 = client.Start();
        Assert.Equal(406, cmd0.Length);
        Assert.EndsWith(SpecVectors.Sec2PublicA, Hex.Of(cmd0), StringComparison.Ordinal);

        var credentials = Sec2Credentials.FromSalt("wifiprov", "abcd1234", Hex.Bytes(SpecVectors.Sec2Salt));
        var device = new Security2Device(credentials.Salt, credentials.Verifier, 1);
        Assert.Null(client.Continue(device.HandleSessionRequest(client.Continue(device.HandleSessionRequest(cmd0))!)));
        Assert.True(client.IsEstablished && device.IsEstablished);
    }
}
