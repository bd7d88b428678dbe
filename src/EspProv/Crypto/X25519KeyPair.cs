using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace EspProv.Crypto;

/// <summary>
/// X25519 (RFC 7748) for security 1. .NET has no X25519, so the scalar multiplication is BouncyCastle's;
/// keys are the standard 32-byte little-endian encodings, the private key is clamped on use.
/// </summary>
internal sealed class X25519KeyPair : IDisposable
{
    public const int KeyLength = 32;

    private readonly byte[] _privateKey;

    public X25519KeyPair(IRandomSource random)
    {
        _privateKey = new byte[KeyLength];
        random.Fill(_privateKey);
        PublicKey = new byte[KeyLength];
        X25519.ScalarMultBase(_privateKey, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; }

    /// <summary>The shared secret; null when the peer key is a low-order point (all-zero result).</summary>
    public byte[]? Agree(ReadOnlySpan<byte> peerPublicKey)
    {
        var shared = new byte[KeyLength];
        X25519.ScalarMult(_privateKey, 0, peerPublicKey.ToArray(), 0, shared, 0);
        var allZero = true;
        foreach (var b in shared)
        {
            allZero &= b == 0;
        }

        return allZero ? null : shared;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_privateKey);
}
