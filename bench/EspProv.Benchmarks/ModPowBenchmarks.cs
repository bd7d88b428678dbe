using BenchmarkDotNet.Attributes;
using EspProv.Crypto;
using Bouncy = Org.BouncyCastle.Math.BigInteger;
using Numerics = System.Numerics.BigInteger;

namespace EspProv.Benchmarks;

/// <summary>
/// 3072-bit modular exponentiation in the SRP group (RFC 5054), side by side in one table: OpenSSL's
/// BN_mod_exp (the baseline the issue sets: ≤ 2× it) and its constant-time BN_mod_exp_mont_consttime,
/// what esp-prov runs (<see cref="Srp6aGroup.ModPow"/>: libcrypto's constant-time one on Linux) and its managed constant-time Montgomery fallback (its AVX2 path on this machine, and its SSE2 and scalar paths forced), and BouncyCastle (what the
/// code used before). The exponent sizes are the ones SRP uses here: 256 bits for the secrets a and b (g^a,
/// g^b, (A·v^u)^b), 512 bits for the SHA-512 values x and u (g^x, v^u), 1025 bits for a + u·x in the client's
/// S; 3072 bits is a full-size reference. The base is random (its size does not matter, only the exponent's).
/// </summary>
public class ModPowBenchmarks
{
    private Numerics _base;
    private Numerics _exponent;
    private Bouncy _bouncyBase = Bouncy.One;
    private Bouncy _bouncyExponent = Bouncy.One;
    private Bouncy _bouncyN = Bouncy.One;
    private OpenSslBigNum? _openSsl;
    private MontgomeryModulus _scalar = null!;
    private MontgomeryModulus _sse2 = null!;

    [Params(256, 512, 1025, 3072)]
    public int ExponentBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var baseBytes = SrpOperands.Base(random);
        var exponentBytes = SrpOperands.Exponent(random, ExponentBits);
        _base = Srp6aGroup.FromBytes(baseBytes);
        _exponent = Srp6aGroup.FromBytes(exponentBytes);
        _bouncyBase = new Bouncy(1, baseBytes);
        _bouncyExponent = new Bouncy(1, exponentBytes);
        _bouncyN = new Bouncy(1, Srp6aGroup.NBytes);
        _openSsl = new OpenSslBigNum(baseBytes, exponentBytes, Srp6aGroup.NBytes);
        _scalar = new MontgomeryModulus(Srp6aGroup.N, maxVectorBits: 0);
        _sse2 = new MontgomeryModulus(Srp6aGroup.N, maxVectorBits: 128);
        var expected = Numerics.ModPow(_base, _exponent, Srp6aGroup.N);
        _openSsl.ModExp();
        if (!LibCryptoModPow.IsAvailable
            || !Srp6aGroup.ModPow(_base, _exponent, ExponentBits).Equals(expected)
            || !Srp6aGroup.ManagedModPow(_base, _exponent, ExponentBits).Equals(expected)
            || !_scalar.ModPow(_base, _exponent, ExponentBits).Equals(expected)
            || !_sse2.ModPow(_base, _exponent, ExponentBits).Equals(expected)
            || !Srp6aGroup.FromBytes(_bouncyBase.ModPow(_bouncyExponent, _bouncyN).ToByteArrayUnsigned()).Equals(expected)
            || !Srp6aGroup.FromBytes(_openSsl.Result(Srp6aGroup.Length)).Equals(expected))
        {
            throw new InvalidOperationException("The implementations disagree.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _openSsl?.Dispose();

    [Benchmark(Baseline = true)]
    public IntPtr OpenSslModExp() => _openSsl!.ModExp();

    [Benchmark]
    public IntPtr OpenSslModExpConstantTime() => _openSsl!.ModExpConstantTime();

    /// <summary>What the code runs on Linux: libcrypto's constant-time exponentiation, conversions from and to System.Numerics included.</summary>
    [Benchmark]
    public Numerics Srp6aGroupModPow() => Srp6aGroup.ModPow(_base, _exponent, ExponentBits);

    /// <summary>What the code runs without libcrypto (Windows, macOS): the managed constant-time Montgomery.</summary>
    [Benchmark]
    public Numerics ManagedMontgomery() => Srp6aGroup.ManagedModPow(_base, _exponent, ExponentBits);

    /// <summary>The managed Montgomery's scalar path (56-bit digits), what runs on ARM64, forced here on x64.</summary>
    [Benchmark]
    public Numerics ManagedMontgomeryScalar() => _scalar.ModPow(_base, _exponent, ExponentBits);

    /// <summary>The managed Montgomery's SSE2 path (28-bit digits, two per vector), what a default Native AOT build runs on x64, forced here.</summary>
    [Benchmark]
    public Numerics ManagedMontgomerySse2() => _sse2.ModPow(_base, _exponent, ExponentBits);

    [Benchmark]
    public Bouncy BouncyCastle() => _bouncyBase.ModPow(_bouncyExponent, _bouncyN);
}
