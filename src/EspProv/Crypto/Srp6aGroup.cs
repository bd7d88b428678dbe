using System.Numerics;
using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>
/// SRP6a as protocomm security 2 computes it (spec section 5.3): the RFC 5054 3072-bit group,
/// g = 5, SHA-512, k = H(N | PAD(g)). All byte strings are big-endian, unsigned.
/// </summary>
internal static class Srp6aGroup
{
    public const int Length = 384;
    public const int HashLength = 64;

    private const string NHex =
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd" +
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed" +
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f" +
        "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b" +
        "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510" +
        "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7" +
        "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c" +
        "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff";

    public static readonly byte[] NBytes = Convert.FromHexString(NHex);
    public static readonly BigInteger N = FromBytes(NBytes);
    public static readonly BigInteger G = 5;
    public static readonly byte[] PaddedG = Pad(G);

    /// <summary>k = H(N | PAD(g)).</summary>
    public static readonly BigInteger K = FromBytes(Hash(NBytes, PaddedG));

    /// <summary>H(N) XOR H(PAD(g)), the first input of the proof M.</summary>
    public static readonly byte[] HNXorHG = Xor(SHA512.HashData(NBytes), SHA512.HashData(PaddedG));

    public static BigInteger FromBytes(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    /// <summary>Big-endian bytes without leading zeros (mbedTLS mpi_size / Python long_to_bytes); zero is one 0x00 byte.</summary>
    public static byte[] Minimal(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>Left-pads to the 384-byte group length.</summary>
    public static byte[] Pad(BigInteger value) => Pad(Minimal(value));

    public static byte[] Pad(ReadOnlySpan<byte> minimal)
    {
        var stripped = StripLeadingZeros(minimal);
        if (stripped.Length > Length)
        {
            throw new ArgumentException("Value is longer than the group.");
        }

        var padded = new byte[Length];
        stripped.CopyTo(padded.AsSpan(Length - stripped.Length));
        return padded;
    }

    public static ReadOnlySpan<byte> StripLeadingZeros(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length - 1 && bytes[i] == 0)
        {
            i++;
        }

        return bytes[i..];
    }

    /// <summary>The width of the secrets a and b (32 random bytes): the exponent width of g^a, g^b and (A·v^u)^b.</summary>
    public const int SecretBits = 256;

    /// <summary>The width of SHA-512 values (x, u): the exponent width of g^x and v^u.</summary>
    public const int HashBits = 512;

    /// <summary>The width of a + u·x (a 256-bit plus the product of two 512-bit values): the client's S exponent.</summary>
    public const int ClientKeyExponentBits = (2 * HashBits) + 1;

    private static readonly MontgomeryModulus Montgomery = new(N);

    /// <summary>The managed path of <see cref="ModPow"/>, the one used without libcrypto (tests and benchmarks call it directly).</summary>
    internal static BigInteger ManagedModPow(BigInteger value, BigInteger exponent, int exponentBits, MontgomeryTrace? trace = null) =>
        Montgomery.ModPow(value, exponent, exponentBits, trace);

    /// <summary>
    /// value^exponent mod N, constant-time in the exponent: OpenSSL's BN_mod_exp_mont_consttime where libcrypto is
    /// there (Linux), else the managed <see cref="MontgomeryModulus"/> over the exponent's public width
    /// <paramref name="exponentBits"/> (see both for what is and is not constant-time). They replaced BouncyCastle,
    /// which was 9–11 times OpenSSL's time and not constant-time (docs/performance.md).
    /// </summary>
    public static BigInteger ModPow(BigInteger value, BigInteger exponent, int exponentBits)
    {
        // Only a caller's malformed input reaches the reduction: every value SRP exponentiates is already below N.
        if (value.Sign < 0 || value >= N)
        {
            value = ((value % N) + N) % N;
        }

        return LibCryptoModPow.TryModPow(value, exponent, exponentBits, out var result)
            ? result
            : ManagedModPow(value, exponent, exponentBits);
    }

    public static byte[] Hash(params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return sha.GetHashAndReset();
    }

    /// <summary>
    /// x = H(s | H(I | ":" | p)), computed as esp_prov does: the salt and the inner digest go through
    /// integers, so their leading zero bytes are dropped. Verifiers made by
    /// <c>esp_prov --sec2_gen_cred</c> (and by esp-prov) depend on that.
    /// </summary>
    public static BigInteger ComputeX(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> username, ReadOnlySpan<byte> password)
    {
        var identity = new byte[username.Length + 1 + password.Length];
        username.CopyTo(identity);
        identity[username.Length] = (byte)':';
        password.CopyTo(identity.AsSpan(username.Length + 1));
        var inner = SHA512.HashData(identity);
        CryptographicOperations.ZeroMemory(identity);
        return FromBytes(Hash(StripLeadingZeros(salt).ToArray(), StripLeadingZeros(inner).ToArray()));
    }

    /// <summary>u = H(PAD(A) | PAD(B)).</summary>
    public static BigInteger ComputeU(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => FromBytes(Hash(Pad(a), Pad(b)));

    /// <summary>M = H(H(N) xor H(PAD(g)) | H(I) | s | A | B | K).</summary>
    public static byte[] ComputeM(ReadOnlySpan<byte> username, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> key) =>
        Hash(HNXorHG, SHA512.HashData(username), salt.ToArray(), a.ToArray(), b.ToArray(), key.ToArray());

    /// <summary>H_AMK = H(A | M | K), the device's proof.</summary>
    public static byte[] ComputeHamk(ReadOnlySpan<byte> a, ReadOnlySpan<byte> m, ReadOnlySpan<byte> key) =>
        Hash(a.ToArray(), m.ToArray(), key.ToArray());

    private static byte[] Xor(byte[] left, byte[] right)
    {
        var result = new byte[left.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)(left[i] ^ right[i]);
        }

        return result;
    }
}
