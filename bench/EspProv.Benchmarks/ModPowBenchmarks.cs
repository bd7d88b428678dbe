using BenchmarkDotNet.Attributes;
using EspProv.Crypto;
using Bouncy = Org.BouncyCastle.Math.BigInteger;
using Numerics = System.Numerics.BigInteger;

namespace EspProv.Benchmarks;

/// <summary>
/// 3072-bit modular exponentiation in the SRP group (RFC 5054): System.Numerics.BigInteger against
/// BouncyCastle, the choice made in Crypto/Srp6aGroup.cs. The exponent sizes are the ones SRP uses here:
/// 256 bits for the secrets a and b (g^a, g^b, (A·v^u)^b), 512 bits for the SHA-512 values x and u (g^x, v^u),
/// and about 1024 bits for a + u·x (the product of two 512-bit values) in the client's S; 3072 bits is a
/// full-size reference that SRP never uses (the size of the base does not matter, only the exponent's).
/// </summary>
public class ModPowBenchmarks
{
    private Numerics _base;
    private Numerics _exponent;
    private Bouncy _bouncyBase = Bouncy.One;
    private Bouncy _bouncyExponent = Bouncy.One;
    private Bouncy _bouncyN = Bouncy.One;

    [Params(256, 512, 1024, 3072)]
    public int ExponentBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var baseBytes = new byte[Srp6aGroup.Length];
        random.NextBytes(baseBytes);
        baseBytes[0] &= 0x7F;
        var exponentBytes = new byte[ExponentBits / 8];
        random.NextBytes(exponentBytes);
        exponentBytes[0] |= 0x80;
        _base = Srp6aGroup.FromBytes(baseBytes);
        _exponent = Srp6aGroup.FromBytes(exponentBytes);
        _bouncyBase = new Bouncy(1, baseBytes);
        _bouncyExponent = new Bouncy(1, exponentBytes);
        _bouncyN = new Bouncy(1, Srp6aGroup.NBytes);
        if (!Numerics.ModPow(_base, _exponent, Srp6aGroup.N).Equals(Srp6aGroup.FromBytes(_bouncyBase.ModPow(_bouncyExponent, _bouncyN).ToByteArrayUnsigned())))
        {
            throw new InvalidOperationException("The two implementations disagree.");
        }
    }

    [Benchmark(Baseline = true)]
    public Numerics SystemNumerics() => Numerics.ModPow(_base, _exponent, Srp6aGroup.N);

    [Benchmark]
    public Bouncy BouncyCastle() => _bouncyBase.ModPow(_bouncyExponent, _bouncyN);

    /// <summary>What the code runs: BouncyCastle plus the conversions to and from System.Numerics.</summary>
    [Benchmark]
    public Numerics Srp6aGroupModPow() => Srp6aGroup.ModPow(_base, _exponent);
}
