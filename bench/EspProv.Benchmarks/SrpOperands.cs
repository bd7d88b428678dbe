using EspProv.Crypto;

namespace EspProv.Benchmarks;

/// <summary>Random operands for exponentiations in the SRP group, big-endian as OpenSSL and BouncyCastle take them.</summary>
internal static class SrpOperands
{
    /// <summary>A random base below N (384 bytes, top bit clear).</summary>
    public static byte[] Base(Random random)
    {
        var bytes = new byte[Srp6aGroup.Length];
        random.NextBytes(bytes);
        bytes[0] &= 0x7F;
        return bytes;
    }

    /// <summary>A random exponent of exactly <paramref name="bits"/> bits (top bit set).</summary>
    public static byte[] Exponent(Random random, int bits)
    {
        var bytes = new byte[(bits + 7) / 8];
        random.NextBytes(bytes);
        var unused = (8 - (bits % 8)) % 8;
        bytes[0] &= (byte)(0xFF >> unused);
        bytes[0] |= (byte)(0x80 >> unused);
        return bytes;
    }
}
