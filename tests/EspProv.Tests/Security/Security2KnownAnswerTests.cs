using System.Numerics;
using System.Text;
using EspProv.Crypto;
using EspProv.Security;
using EspProv.Tests.Support;
using static EspProv.Tests.Support.SpecVectors;

namespace EspProv.Tests.Security;

/// <summary>Spec section 11.3: the security 2 worked example (SRP values, handshake and record layer).</summary>
public sealed class Security2KnownAnswerTests
{
    private static (Security2Client Client, Security2Device Device) Pair() => (
        new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), new FixedRandomSource(Hex.Bytes(Sec2A))),
        new Security2Device(Hex.Bytes(Sec2Salt), Hex.Bytes(Sec2Verifier), 1, new FixedRandomSource(Hex.Bytes(Sec2B), Hex.Bytes(Sec2NoncePrefix))));

    private static string IntHex(BigInteger value) => Hex.Of(Srp6aGroup.Minimal(value));

    [Fact]
    public void Group_constants_match_the_spec()
    {
        Assert.Equal(Sec2K, IntHex(Srp6aGroup.K));
        Assert.Equal(384, Srp6aGroup.NBytes.Length);
        Assert.Equal(Sec2X, IntHex(Srp6aGroup.ComputeX(Hex.Bytes(Sec2Salt), "wifiprov"u8, "abcd1234"u8)));
        Assert.Equal(Sec2U, IntHex(Srp6aGroup.ComputeU(Hex.Bytes(Sec2PublicA), Hex.Bytes(Sec2PublicB))));
    }

    [Fact]
    public void Handshake_messages_match_the_spec()
    {
        var (client, device) = Pair();

        var cmd0 = client.Start();
        Assert.Equal(406, cmd0.Length);
        Assert.Equal("1002629103a2018d030a08" + Hex.Of("wifiprov"u8) + "128003" + Sec2PublicA, Hex.Of(cmd0));

        var resp0 = device.HandleSessionRequest(cmd0);
        Assert.Equal(416, resp0.Length);
        Assert.Equal("1002629b030801aa019503128003" + Sec2PublicB + "1a10" + Sec2Salt, Hex.Of(resp0));

        var cmd1 = client.Continue(resp0)!;
        Assert.Equal(Sec2Cmd1, Hex.Of(cmd1));
        Assert.Equal(Sec2SessionKey, Hex.Of(client.SessionKey));

        var resp1 = device.HandleSessionRequest(cmd1);
        Assert.Equal(Sec2Resp1, Hex.Of(resp1));
        Assert.Null(client.Continue(resp1));
        Assert.True(client.IsEstablished);
        Assert.Equal(1, client.Sec2PatchLevel);
        Assert.Contains(Sec2M, Sec2Cmd1, StringComparison.Ordinal);
        Assert.Contains(Sec2Hamk, Sec2Resp1, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch1_records_use_a_counter_shared_by_both_directions()
    {
        var (client, device) = Pair();
        Security1KnownAnswerTests.Establish(client, device);

        string[] expected =
        [
            "dd1102941ab8085eea10c3321237406c5496",
            "f87727777fbbd6883b3ad92f1fe17d066ff3fc278cce",
            "655a9672b16cda3965e025916859c6cd23d9",
            "5d46f63aa35abd9b33e13e4e9c87f2058055df7948c5",
        ];
        for (var round = 0; round < 2; round++)
        {
            var request = client.Encrypt(Hex.Bytes("5200"));
            Assert.Equal(expected[2 * round], Hex.Of(request));
            Assert.Equal("5200", Hex.Of(device.Decrypt(request)));
            var response = device.Encrypt(Hex.Bytes("08015a021001"));
            Assert.Equal(expected[(2 * round) + 1], Hex.Of(response));
            Assert.Equal("08015a021001", Hex.Of(client.Decrypt(response)));
        }
    }

    [Fact]
    public void Patch0_uses_one_constant_16_byte_nonce()
    {
        var key = Hex.Bytes(Sec2SessionKey)[..32];
        using var cipher = new AesGcmRecordCipher(key, Hex.Bytes("101112131415161718191a1b1c1d1e1f"));
        Assert.Equal(0, cipher.Sec2PatchLevel);
        Assert.Equal("bc2638a75c03cd78a04bbf4c5186445caf83", Hex.Of(cipher.Encrypt(Hex.Bytes("5200"))));
        Assert.Equal("bc2638a75c03cd78a04bbf4c5186445caf83", Hex.Of(cipher.Encrypt(Hex.Bytes("5200"))));
        Assert.Equal("5200", Hex.Of(cipher.Decrypt(Hex.Bytes("bc2638a75c03cd78a04bbf4c5186445caf83"))));
    }

    [Fact]
    public void Example_credentials_verify_and_print_as_esp_prov_does()
    {
        var credentials = Sec2Credentials.FromSalt("wifiprov", "abcd1234", Hex.Bytes(Sec2Salt));
        Assert.Equal(Sec2Verifier, Hex.Of(credentials.Verifier));

        var text = credentials.ToCArrays();
        var expectedStart = new StringBuilder()
            .Append("==== Salt-verifier for security scheme 2 (SRP6a) ====\n")
            .Append("static const char sec2_salt[] = {\n")
            .Append("    0x03, 0x6e, 0xe0, 0xc7, 0xbc, 0xb9, 0xed, 0xa8, 0x4c, 0x9e, 0xac, 0x97, 0xd9, 0x3d, 0xec, 0xf4\n")
            .Append("};\n\n")
            .Append("static const char sec2_verifier[] = {\n")
            .Append("    0x7c, 0x7c, 0x85, 0x47, 0x65, 0x08, 0x94, 0x6d, 0xd6, 0x36, 0xaf, 0x37, 0xd7, 0xe8, 0x91, 0x43, \n")
            .ToString();
        Assert.StartsWith(expectedStart, text, StringComparison.Ordinal);
        Assert.EndsWith("    0xe6, 0xf6, 0x53, 0xc8, 0x31, 0xa8, 0x78, 0xde, 0x50, 0x40, 0xf7, 0x62, 0xde, 0x36, 0xb2, 0xba\n};\n\n", text, StringComparison.Ordinal);
        // banner, salt header, 1 salt line, "};", blank, verifier header, 24 lines, "};", blank, and the text after the last newline
        Assert.Equal(1 + 1 + 1 + 1 + 1 + 1 + 24 + 1 + 1 + 1, text.Split('\n').Length);
    }

    [Fact]
    public void Generated_credentials_have_the_requested_salt_length_and_work_with_the_device()
    {
        var credentials = Sec2Credentials.Generate("user", "secret", 16, new FixedRandomSource(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()));
        Assert.Equal(16, credentials.Salt.Length);
        var client = new Security2Client("user"u8.ToArray(), "secret"u8.ToArray());
        var device = new Security2Device(credentials.Salt, credentials.Verifier);
        Security1KnownAnswerTests.Establish(client, device);
        Assert.True(device.IsEstablished);

        var shortSalt = Sec2Credentials.Generate("user", "secret", 16, new FixedRandomSource(new byte[] { 0, 0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }));
        Assert.Equal(14, shortSalt.Salt.Length);
    }
}
