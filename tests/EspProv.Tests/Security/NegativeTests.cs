using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using EspProv.Security;
using EspProv.Tests.Support;
using Google.Protobuf;

namespace EspProv.Tests.Security;

/// <summary>Everything the device must reject, and every way a client must refuse to go on.</summary>
public sealed class NegativeTests
{
    private static readonly Sec2Credentials Credentials = Sec2Credentials.FromSalt("wifiprov", "abcd1234", Hex.Bytes(SpecVectors.Sec2Salt));

    [Theory]
    [InlineData("WRONGPOP", "abcd1234")]
    [InlineData("", "abcd1234")]
    [InlineData("abcd1234", "")]
    public void Sec1_device_rejects_a_different_pop(string clientPop, string devicePop)
    {
        var client = new Security1Client(System.Text.Encoding.UTF8.GetBytes(clientPop));
        var device = new Security1Device(System.Text.Encoding.UTF8.GetBytes(devicePop));
        var cmd1 = client.Continue(device.HandleSessionRequest(client.Start()))!;
        Assert.Throws<WrongProofOfPossessionException>(() => device.HandleSessionRequest(cmd1));
        Assert.False(device.IsEstablished);
        Assert.Throws<DecryptionFailedException>(() => device.Decrypt(new byte[4]));
    }

    [Fact]
    public void Sec1_client_rejects_a_wrong_device_verify_token()
    {
        var client = new Security1Client("abcd1234"u8.ToArray());
        var device = new Security1Device("abcd1234"u8.ToArray());
        var resp1 = device.HandleSessionRequest(client.Continue(device.HandleSessionRequest(client.Start()))!);
        resp1[^1] ^= 0x01;
        Assert.Throws<DeviceAuthenticationException>(() => client.Continue(resp1));
        Assert.False(client.IsEstablished);
        Assert.Throws<InvalidOperationException>(() => client.Encrypt(new byte[2]));
    }

    [Theory]
    [InlineData("wifiprov", "wrongpass")]
    [InlineData("otheruser", "abcd1234")]
    public void Sec2_device_rejects_wrong_credentials(string username, string password)
    {
        var client = new Security2Client(System.Text.Encoding.UTF8.GetBytes(username), System.Text.Encoding.UTF8.GetBytes(password));
        var device = new Security2Device(Credentials.Salt, Credentials.Verifier);
        var cmd1 = client.Continue(device.HandleSessionRequest(client.Start()))!;
        Assert.Throws<WrongSrpCredentialsException>(() => device.HandleSessionRequest(cmd1));
        Assert.False(device.IsEstablished);
        Assert.IsType<WrongSrpCredentialsException>(client.ExplainRejection(2, new IOException()));
    }

    [Fact]
    public void Sec2_client_rejects_a_wrong_device_proof()
    {
        var client = new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray());
        var device = new Security2Device(Credentials.Salt, Credentials.Verifier);
        var resp1 = device.HandleSessionRequest(client.Continue(device.HandleSessionRequest(client.Start()))!);
        var data = SessionData.Parser.ParseFrom(resp1);
        var proof = data.Sec2.Sr1.DeviceProof.ToByteArray();
        proof[0] ^= 0x80;
        data.Sec2.Sr1.DeviceProof = ByteString.CopyFrom(proof);
        Assert.Throws<DeviceAuthenticationException>(() => client.Continue(data.ToByteArray()));
        Assert.False(client.IsEstablished);
    }

    [Fact]
    public void Sec2_device_rejects_a_short_A_and_A_equal_to_zero_mod_N()
    {
        var device = new Security2Device(Credentials.Salt, Credentials.Verifier);
        var shortA = Command0(new byte[383]);
        Assert.Throws<MalformedMessageException>(() => device.HandleSessionRequest(shortA));
        var zeroA = Command0(new byte[384]);
        Assert.Throws<MalformedMessageException>(() => device.HandleSessionRequest(zeroA));
        var nA = Command0(EspProv.Crypto.Srp6aGroup.NBytes);
        Assert.Throws<MalformedMessageException>(() => device.HandleSessionRequest(nA));
    }

    [Fact]
    public void Scheme_mismatch_is_reported_on_both_sides()
    {
        var sec1Request = new Security1Client("abcd1234"u8.ToArray()).Start();
        var ex = Assert.Throws<SecuritySchemeMismatchException>(() => new Security2Device(Credentials.Salt, Credentials.Verifier).HandleSessionRequest(sec1Request));
        Assert.Equal(SecurityVersion.Sec2, ex.Expected);
        Assert.Equal(SecurityVersion.Sec1, ex.Actual);

        var sec0Client = new Security0Client();
        sec0Client.Start();
        Assert.Throws<SecuritySchemeMismatchException>(() => sec0Client.Continue(new Security1Device("x"u8.ToArray()).HandleSessionRequest(new Security1Client("x"u8.ToArray()).Start())));
    }

    [Theory]
    [InlineData("sec1-pop")]
    [InlineData("sec2-patch1")]
    public void Command1_before_Command0_is_rejected(string scheme)
    {
        var (client, device) = RoundTripTests.Create(scheme);
        var (client2, device2) = RoundTripTests.Create(scheme);
        var cmd1 = client2.Continue(device2.HandleSessionRequest(client2.Start()))!;
        Assert.Throws<MalformedMessageException>(() => device.HandleSessionRequest(cmd1));
        Assert.NotNull(client.Start());
    }

    [Theory]
    [InlineData("sec1-pop")]
    [InlineData("sec2-patch1")]
    public void A_repeated_Command0_restarts_the_handshake(string scheme)
    {
        var (client, device) = RoundTripTests.Create(scheme);
        Security1KnownAnswerTests.Establish(client, device);
        Assert.True(device.IsEstablished);

        var (freshClient, _) = RoundTripTests.Create(scheme);
        var cmd0 = freshClient.Start();
        device.HandleSessionRequest(cmd0);
        Assert.False(device.IsEstablished);
        var cmd1 = freshClient.Continue(device.HandleSessionRequest(cmd0))!;
        Assert.Null(freshClient.Continue(device.HandleSessionRequest(cmd1)));
        Assert.True(device.IsEstablished);
    }

    [Theory]
    [InlineData("sec0")]
    [InlineData("sec1-pop")]
    [InlineData("sec2-patch0")]
    [InlineData("sec2-patch1")]
    public void Truncated_and_garbage_session_messages_are_rejected_without_crashing(string scheme)
    {
        var (client, device) = RoundTripTests.Create(scheme);
        var cmd0 = client.Start();
        Assert.ThrowsAny<SessionException>(() => device.HandleSessionRequest(cmd0.AsSpan(0, cmd0.Length / 2)));
        Assert.ThrowsAny<SessionException>(() => device.HandleSessionRequest([0xff, 0xff, 0xff, 0xff]));
        Assert.ThrowsAny<SessionException>(() => client.Continue([0x0a, 0x05, 0x01]));
        Assert.ThrowsAny<SessionException>(() => client.Continue(Array.Empty<byte>()));
    }

    [Fact]
    public void Sec2_rejects_a_bad_tag_and_a_replayed_message()
    {
        var (client, device) = RoundTripTests.Create("sec2-patch1");
        Security1KnownAnswerTests.Establish(client, device);

        var first = client.Encrypt("hello"u8);
        var tampered = (byte[])first.Clone();
        tampered[^1] ^= 1;
        Assert.Throws<DecryptionFailedException>(() => device.Decrypt(tampered));
        Assert.Equal("hello"u8.ToArray(), device.Decrypt(first));

        // The counter moved on, so the same bytes no longer authenticate.
        Assert.Throws<DecryptionFailedException>(() => device.Decrypt(first));
        Assert.Throws<DecryptionFailedException>(() => device.Decrypt(new byte[5]));
    }

    private static byte[] Command0(byte[] publicA) => new SessionData
    {
        SecVer = SecSchemeVersion.SecScheme2,
        Sec2 = new Sec2Payload
        {
            Sc0 = new S2SessionCmd0 { ClientUsername = ByteString.CopyFromUtf8("wifiprov"), ClientPubkey = ByteString.CopyFrom(publicA) },
        },
    }.ToByteArray();
}
