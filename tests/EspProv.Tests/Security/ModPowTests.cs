using System.Numerics;
using EspProv.Crypto;
using EspProv.Testing;

namespace EspProv.Tests.Security;

/// <summary>
/// The SRP group's exponentiation: the managed Montgomery and the libcrypto path both agree with
/// System.Numerics, and the managed one takes the same steps for every exponent of a given width.
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

    [Fact]
    public void Other_moduli_work_too_so_n_prime_and_the_final_subtraction_are_exercised()
    {
        // The SRP prime ends in 64 one bits (n′ = 1); these do not, and their top limbs are not full.
        var random = new Random(17);
        var moduli = new[] { (BigInteger.One << 255) - 19, Random(random, 1000) | 1 | (BigInteger.One << 999), new BigInteger(3), (BigInteger.One << 128) + 51 };
        foreach (var modulus in moduli)
        {
            var montgomery = new MontgomeryModulus(modulus);
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
    public void Equal_width_exponents_of_different_Hamming_weight_take_the_same_steps()
    {
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
                Srp6aGroup.ManagedModPow(value, exponent, bits, trace);
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
