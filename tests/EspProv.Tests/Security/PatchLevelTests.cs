using EspProv.Errors;
using EspProv.Security;
using EspProv.Tests.Support;

namespace EspProv.Tests.Security;

/// <summary>
/// Security 2 patch levels: the nonce the device sends must agree with the <c>sec_patch_ver</c> it
/// announced (a patch 1 device that sent a constant nonce would make every message reuse it).
/// </summary>
public sealed class PatchLevelTests
{
    private static readonly Sec2Credentials Credentials = Sec2Credentials.FromSalt("wifiprov", "abcd1234", Hex.Bytes(SpecVectors.Sec2Salt));

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void A_nonce_that_agrees_with_the_announcement_establishes(int devicePatch, int? announced)
    {
        var client = new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), announcedSec2PatchLevel: announced);
        Security1KnownAnswerTests.Establish(client, new Security2Device(Credentials.Salt, Credentials.Verifier, devicePatch));

        Assert.Equal(devicePatch, client.Sec2PatchLevel);
        Assert.Equal(devicePatch == 0, client.ReusesNonce);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void A_nonce_that_contradicts_the_announcement_is_a_protocol_error(int devicePatch, int announced)
    {
        var client = new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), announcedSec2PatchLevel: announced);

        var error = Assert.Throws<ProtocolException>(() => Security1KnownAnswerTests.Establish(client, new Security2Device(Credentials.Salt, Credentials.Verifier, devicePatch)));

        Assert.Contains($"sec_patch_ver {announced}", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsEstablished);
    }
}
