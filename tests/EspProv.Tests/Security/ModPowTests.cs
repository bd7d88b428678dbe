using System.Numerics;
using System.Runtime.Intrinsics.X86;
using EspProv.Crypto;
using EspProv.Testing;

namespace EspProv.Tests.Security;

/// <summary>
/// The SRP group's exponentiation: the managed Montgomery and the libcrypto path both agree with
/// System.Numerics, and the managed one takes the same steps for every exponent of a given width. The managed
/// one has three paths (AVX2 and SSE2 on 28-bit digits, scalar on 56-bit digits): the tests with a maxVectorBits
/// argument run each path the machine has (0: scalar, 128: SSE2 on x64, 256: AVX2 where it is).
/// </summary>
public sealed class ModPowTests
{
    private static readonly int[] Widths = [1, 3, 64, 65, Srp6aGroup.SecretBits, Srp6aGroup.HashBits, Srp6aGroup.ClientKeyExponentBits, 3072];

    private static BigInteger Random(Random random, int bits)
    {
        var bytes = new byte[(bits + 7) / 8];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) & ((BigInteger.One << bits) - 1);
    }

    private static BigInteger AllOnes(int bits) => (BigInteger.One << bits) - 1;

    [Fact]
    public void Managed_montgomery_agrees_with_System_Numerics_in_the_SRP_group()
    {
        var random = new Random(15);
        var bases = new[] { BigInteger.Zero, BigInteger.One, Srp6aGroup.G, Srp6aGroup.N - 1, Random(random, 3072) % Srp6aGroup.N };
        foreach (var bits in Widths)
        {
            foreach (var exponent in new[] { BigInteger.Zero, BigInteger.One, AllOnes(bits), BigInteger.One << (bits - 1), Random(random, bits) })
            {
                foreach (var value in bases)
                {
                    Assert.Equal(BigInteger.ModPow(value, exponent, Srp6aGroup.N), Srp6aGroup.ManagedModPow(value, exponent, bits));
                }
            }
        }
    }

    [Fact]
    public void Srp6aGroup_ModPow_agrees_with_System_Numerics_and_takes_libcrypto_on_Linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), LibCryptoModPow.IsAvailable);
        var random = new Random(16);
        foreach (var bits in Widths)
        {
            var value = Random(random, 3072) % Srp6aGroup.N;
            var exponent = Random(random, bits);
            Assert.Equal(BigInteger.ModPow(value, exponent, Srp6aGroup.N), Srp6aGroup.ModPow(value, exponent, bits));
        }

        // Values at or above N (a malformed verifier) are reduced first, as System.Numerics does.
        var large = Srp6aGroup.N + 12345;
        Assert.Equal(BigInteger.ModPow(large, 77, Srp6aGroup.N), Srp6aGroup.ModPow(large, 77, 8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    public void Other_moduli_work_too_so_n_prime_and_the_final_subtraction_are_exercised(int maxVectorBits)
    {
        // The SRP prime ends in 64 one bits (n′ = 1); these do not, and their top limbs are not full.
        var random = new Random(17);
        var moduli = new[] { (BigInteger.One << 255) - 19, Random(random, 1000) | 1 | (BigInteger.One << 999), new BigInteger(3), (BigInteger.One << 128) + 51 };
        foreach (var modulus in moduli)
        {
            var montgomery = new MontgomeryModulus(modulus, maxVectorBits);
            var limbBits = 64 * montgomery.Limbs;
            foreach (var value in new[] { BigInteger.Zero, modulus - 1, Random(random, limbBits), AllOnes(limbBits) })
            {
                foreach (var bits in new[] { 1, 100, 300 })
                {
                    var exponent = Random(random, bits);
                    Assert.Equal(BigInteger.ModPow(value, exponent, modulus), montgomery.ModPow(value, exponent, bits));
                }
            }
        }
    }

    [Fact]
    public void The_widest_vector_path_the_machine_has_is_taken_and_can_be_narrowed()
    {
        var widest = Avx2.IsSupported ? 256 : Sse2.IsSupported ? 128 : 0;
        Assert.Equal(widest, new MontgomeryModulus(Srp6aGroup.N).VectorBits);
        Assert.Equal(widest != 0, new MontgomeryModulus(Srp6aGroup.N).IsVector);
        Assert.Equal(widest != 0 ? 110 : 55, new MontgomeryModulus(Srp6aGroup.N).Digits);
        Assert.Equal(Sse2.IsSupported ? 128 : 0, new MontgomeryModulus(Srp6aGroup.N, maxVectorBits: 128).VectorBits);
        Assert.False(new MontgomeryModulus(Srp6aGroup.N, maxVectorBits: 0).IsVector);
        Assert.Equal(55, new MontgomeryModulus(Srp6aGroup.N, maxVectorBits: 0).Digits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    public void Both_paths_agree_with_System_Numerics_in_the_SRP_group(int maxVectorBits)
    {
        var montgomery = new MontgomeryModulus(Srp6aGroup.N, maxVectorBits);
        var random = new Random(19);
        var bases = new[] { BigInteger.Zero, BigInteger.One, Srp6aGroup.G, Srp6aGroup.N - 1, AllOnes(3072), Random(random, 3072) };
        foreach (var bits in Widths)
        {
            foreach (var exponent in new[] { BigInteger.Zero, AllOnes(bits), Random(random, bits) })
            {
                foreach (var value in bases)
                {
                    Assert.Equal(BigInteger.ModPow(value, exponent, Srp6aGroup.N), montgomery.ModPow(value, exponent, bits));
                }
            }
        }
    }

    public static TheoryData<int, int> EdgeModulusSizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var maxVectorBits in new[] { 0, 128, 256 })
        {
            // Multiples of the 28- and 56-bit digits and of 64-bit limbs, one bit either side, and the largest size.
            foreach (var bits in new[] { 2, 27, 28, 29, 55, 56, 57, 63, 64, 65, 111, 112, 113, 168, 224, 447, 448, 449, 1000, 3071, 3072, 3073, MontgomeryModulus.MaxBits / 64 * 64 })
            {
                data.Add(maxVectorBits, bits);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeModulusSizes))]
    public void Moduli_at_digit_and_limb_boundaries_agree_with_System_Numerics(int maxVectorBits, int modulusBits)
    {
        // Moduli just under a power of two (all digits full), just over one (top digit 1, the rest nearly zero),
        // and random of the full width; bases with every bit of the accepted limbs set, N − 1, N, and random.
        var random = new Random(modulusBits);
        var top = BigInteger.One << (modulusBits - 1);
        var moduli = new[] { AllOnes(modulusBits), top + 1, top | Random(random, modulusBits) | 1, AllOnes(modulusBits) - (BigInteger.One << (modulusBits / 2)) };
        foreach (var modulus in moduli.Where(m => m > 1).Distinct())
        {
            var montgomery = new MontgomeryModulus(modulus, maxVectorBits);
            var limbBits = 64 * montgomery.Limbs;
            foreach (var value in new[] { AllOnes(limbBits), modulus - 1, modulus, Random(random, limbBits), Random(random, limbBits) })
            {
                foreach (var bits in new[] { 1, 7, 65, 256 })
                {
                    foreach (var exponent in new[] { AllOnes(bits), Random(random, bits) })
                    {
                        Assert.Equal(BigInteger.ModPow(value, exponent, modulus), montgomery.ModPow(value, exponent, bits));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    public void Random_moduli_bases_and_exponents_agree_with_System_Numerics(int maxVectorBits)
    {
        var random = new Random(20);
        for (var i = 0; i < 60; i++)
        {
            var modulusBits = random.Next(2, MontgomeryModulus.MaxBits / 64 * 64 + 1);
            var modulus = Random(random, modulusBits) | 1 | (BigInteger.One << (modulusBits - 1));
            var montgomery = new MontgomeryModulus(modulus, maxVectorBits);
            var value = Random(random, 64 * montgomery.Limbs);
            var bits = random.Next(1, 600);
            var exponent = Random(random, bits);
            Assert.Equal(BigInteger.ModPow(value, exponent, modulus), montgomery.ModPow(value, exponent, bits));
        }
    }

    [Fact]
    public void Moduli_beyond_the_column_bound_are_refused()
    {
        var largest = AllOnes(MontgomeryModulus.MaxBits / 64 * 64);
        Assert.Equal(BigInteger.ModPow(largest - 1, 3, largest), new MontgomeryModulus(largest).ModPow(largest - 1, 3, 2));
        Assert.Throws<ArgumentException>(() => new MontgomeryModulus((BigInteger.One << (MontgomeryModulus.MaxBits / 64 * 64)) + 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    public void Equal_width_exponents_of_different_Hamming_weight_take_the_same_steps(int maxVectorBits)
    {
        var montgomery = new MontgomeryModulus(Srp6aGroup.N, maxVectorBits);
        var random = new Random(18);
        var value = Random(random, 3072) % Srp6aGroup.N;
        foreach (var bits in new[] { Srp6aGroup.SecretBits, Srp6aGroup.HashBits, Srp6aGroup.ClientKeyExponentBits })
        {
            // Hamming weights 0, 1, bits/2 (alternating), random, bits.
            var alternating = BigInteger.Zero;
            for (var i = 0; i < bits; i += 2)
            {
                alternating |= BigInteger.One << i;
            }

            var exponents = new[] { BigInteger.Zero, BigInteger.One << (bits - 1), alternating, Random(random, bits), AllOnes(bits) };
            var traces = exponents.Select(exponent =>
            {
                var trace = new MontgomeryTrace();
                Assert.Equal(BigInteger.ModPow(value, exponent, Srp6aGroup.N), montgomery.ModPow(value, exponent, bits, trace));
                return trace;
            }).ToArray();

            // The expected count, so that an empty or partial trace cannot pass: the table, one multiplication per
            // window below the top one, a squaring per bit of those windows, the conversions in and out.
            var window = MontgomeryModulus.WindowBits(bits);
            var windows = (bits + window - 1) / window;
            Assert.Equal(((1 << window) - 2) + 1 + (windows - 1) + 1, traces[0].CountOf(MontgomeryStep.Multiply));
            Assert.Equal((windows - 1) * window, traces[0].CountOf(MontgomeryStep.Square));
            Assert.Equal(windows, traces[0].CountOf(MontgomeryStep.TableScan));
            Assert.All(traces[0].Steps.Where(s => s.Step == MontgomeryStep.TableScan), s => Assert.Equal(1 << window, s.Count));
            foreach (var trace in traces.Skip(1))
            {
                Assert.Equal(traces[0].Steps, trace.Steps);
            }
        }
    }

    [Fact]
    public void Exponents_wider_than_declared_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Srp6aGroup.ManagedModPow(Srp6aGroup.G, BigInteger.One << 256, Srp6aGroup.SecretBits));
        Assert.Throws<ArgumentOutOfRangeException>(() => Srp6aGroup.ManagedModPow(Srp6aGroup.G, BigInteger.MinusOne, Srp6aGroup.SecretBits));
    }
}
