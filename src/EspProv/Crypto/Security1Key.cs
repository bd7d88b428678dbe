using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>The security 1 session key: X25519 shared secret, XOR SHA-256(PoP) when a PoP is set.</summary>
internal static class Security1Key
{
    public static byte[] Derive(byte[] sharedSecret, ReadOnlySpan<byte> proofOfPossession)
    {
        var key = (byte[])sharedSecret.Clone();
        if (!proofOfPossession.IsEmpty)
        {
            Span<byte> popHash = stackalloc byte[32];
            SHA256.HashData(proofOfPossession, popHash);
            for (var i = 0; i < key.Length; i++)
            {
                key[i] ^= popHash[i];
            }
        }

        return key;
    }
}
