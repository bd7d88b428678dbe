using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>
/// Modular exponentiation modulo one fixed odd modulus in Montgomery form on 64-bit limbs (managed, so it runs
/// the same in the Native AOT binary and on every OS), with R² mod N and n′ = −N⁻¹ mod 2⁶⁴ computed once.
/// Multiplication is CIOS with the reduction interleaved (one pass per limb of the multiplier); squaring computes
/// the half product once and doubles it, then reduces, which saves about a quarter of the limb products.
/// </summary>
/// <remarks>
/// What is constant-time (with respect to the exponent's bits and the values being multiplied): the sequence of
/// squarings, multiplications and table scans depends only on the exponent's public width, never on its bits
/// (a fixed window, a multiplication for every window, a zero window included); every table lookup reads every
/// entry and keeps one through masks; carries and the final subtraction are computed with masks, not branches.
/// <see cref="Math.BigMul(ulong, ulong, out ulong)"/> is a single MUL/MULX on x64 and ARM64, whose timing does
/// not depend on its operands there.
/// What is not: the conversions at the edges (<see cref="BigInteger"/> to and from limbs, whose byte length
/// depends on the value's leading zeros), and whatever System.Numerics arithmetic the caller does around the
/// exponentiation (SRP's k·v, a + u·x and the reductions mod N). The exponent's width must be public: callers
/// pass the width of the secret's type (256 bits for a and b, 512 for SHA-512 values), not its bit length.
/// </remarks>
internal sealed class MontgomeryModulus
{
    private readonly ulong[] _modulus;
    private readonly ulong[] _rSquared;
    private readonly ulong[] _one;
    private readonly ulong _nPrime;

    public MontgomeryModulus(BigInteger modulus)
    {
        if (modulus.Sign <= 0 || modulus.IsEven)
        {
            throw new ArgumentException("Montgomery arithmetic needs an odd positive modulus.", nameof(modulus));
        }

        Limbs = (int)((modulus.GetBitLength() + 63) / 64);
        _modulus = ToLimbs(modulus, Limbs);
        var r = BigInteger.One << (64 * Limbs);
        _rSquared = ToLimbs(r * r % modulus, Limbs);
        _one = ToLimbs(r % modulus, Limbs);

        // Newton's iteration for N⁻¹ mod 2⁶⁴: n0 is its own inverse mod 8 (3 bits) and each step doubles the bits.
        var n0 = _modulus[0];
        var inverse = n0;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (n0 * inverse);
        }

        _nPrime = 0 - inverse;
    }

    /// <summary>The number of 64-bit limbs of the modulus.</summary>
    public int Limbs { get; }

    /// <summary>
    /// value^exponent mod N, where the exponent is at most <paramref name="exponentBits"/> bits long and that width,
    /// not the exponent's value, decides every step. The value may be anything in [0, 2^(64·Limbs)).
    /// </summary>
    /// <param name="value">The base.</param>
    /// <param name="exponent">The (possibly secret) exponent, 0 ≤ exponent &lt; 2^exponentBits.</param>
    /// <param name="exponentBits">The exponent's public width.</param>
    /// <param name="trace">Records the steps (tests check they do not depend on the exponent's bits); null in production.</param>
    public BigInteger ModPow(BigInteger value, BigInteger exponent, int exponentBits, MontgomeryTrace? trace = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exponentBits, 1);
        if (value.Sign < 0 || value.GetBitLength() > 64L * Limbs)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The base must be non-negative and fit the modulus's limbs.");
        }

        if (exponent.Sign < 0 || exponent.GetBitLength() > exponentBits)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), $"The exponent must be non-negative and at most {exponentBits} bits.");
        }

        var s = Limbs;
        var window = WindowBits(exponentBits);
        var entries = 1 << window;
        var exponentLimbs = ToLimbs(exponent, (exponentBits + 63) / 64);
        var baseLimbs = ToLimbs(value, Limbs); // the client's S uses a base derived from x: cleared like the rest
        var table = new ulong[entries * s];
        var work = new ulong[(4 * s) + 2];
        var acc = work.AsSpan(0, s);
        var scratch = work.AsSpan(s, (2 * s) + 2);
        var selected = work.AsSpan(3 * s + 2, s);
        try
        {
            // table[i] = value^i in Montgomery form; table[0] is 1 (R mod N).
            _one.CopyTo(table.AsSpan(0, s));
            var baseMont = table.AsSpan(s, s);
            Multiply(baseLimbs, _rSquared, baseMont, scratch, trace);
            for (var i = 2; i < entries; i++)
            {
                Multiply(table.AsSpan((i - 1) * s, s), baseMont, table.AsSpan(i * s, s), scratch, trace);
            }

            // Left to right, one window at a time; the top window may be narrower than the others.
            var windows = (exponentBits + window - 1) / window;
            Select(table, entries, WindowAt(exponentLimbs, (windows - 1) * window, window), acc, trace);
            for (var w = windows - 2; w >= 0; w--)
            {
                for (var i = 0; i < window; i++)
                {
                    Square(acc, acc, scratch, trace);
                }

                Select(table, entries, WindowAt(exponentLimbs, w * window, window), selected, trace);
                Multiply(acc, selected, acc, scratch, trace);
            }

            // Out of Montgomery form: multiply by plain 1.
            selected.Clear();
            selected[0] = 1;
            Multiply(acc, selected, acc, scratch, trace);
            return FromLimbs(acc);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(table.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(work.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(exponentLimbs.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(baseLimbs.AsSpan()));
        }
    }

    /// <summary>OpenSSL's window for a constant-time exponent of this width (BN_window_bits_for_ctime_exponent_size).</summary>
    internal static int WindowBits(int exponentBits) => exponentBits switch
    {
        > 937 => 6,
        > 306 => 5,
        > 89 => 4,
        > 22 => 3,
        _ => 1,
    };

    /// <summary>The <paramref name="width"/> bits of the exponent from bit <paramref name="position"/> up; the position is public.</summary>
    private static int WindowAt(ulong[] exponent, int position, int width)
    {
        var limb = position >> 6;
        var offset = position & 63;
        var bits = exponent[limb] >> offset;
        if (offset + width > 64 && limb + 1 < exponent.Length)
        {
            bits |= exponent[limb + 1] << (64 - offset);
        }

        return (int)(bits & ((1UL << width) - 1));
    }

    /// <summary>Copies table[index] to the destination by reading every entry and masking all but one.</summary>
    private void Select(ulong[] table, int entries, int index, Span<ulong> destination, MontgomeryTrace? trace)
    {
        var s = Limbs;
        destination.Clear();
        for (var k = 0; k < entries; k++)
        {
            var difference = (ulong)(uint)(k ^ index);
            var mask = ((difference | (0 - difference)) >> 63) - 1;
            var entry = table.AsSpan(k * s, s);
            for (var j = 0; j < s; j++)
            {
                destination[j] |= entry[j] & mask;
            }
        }

        trace?.Record(MontgomeryStep.TableScan, entries);
    }

    /// <summary>result = a·b·R⁻¹ mod N (CIOS, reduction interleaved). The result may alias a or b.</summary>
    private void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch, MontgomeryTrace? trace)
    {
        var s = Limbs;
        var t = scratch[..(s + 2)];
        t.Clear();
        ref var tr = ref MemoryMarshal.GetReference(t);
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var nr = ref MemoryMarshal.GetReference<ulong>(_modulus);
        var nPrime = _nPrime;
        for (var i = 0; i < s; i++)
        {
            var bi = b[i];
            var low = tr;
            var carry = MultiplyAdd(ar, bi, ref low, 0);
            var m = low * nPrime;
            var carry2 = MultiplyAdd(m, nr, ref low, 0);
            for (var j = 1; j < s; j++)
            {
                low = Unsafe.Add(ref tr, j);
                carry = MultiplyAdd(Unsafe.Add(ref ar, j), bi, ref low, carry);
                carry2 = MultiplyAdd(m, Unsafe.Add(ref nr, j), ref low, carry2);
                Unsafe.Add(ref tr, j - 1) = low;
            }

            var top = Unsafe.Add(ref tr, s) + carry;
            var topCarry = Carry(top, carry);
            top += carry2;
            topCarry += Carry(top, carry2);
            Unsafe.Add(ref tr, s - 1) = top;
            Unsafe.Add(ref tr, s) = topCarry;
        }

        SubtractModulusIfNeeded(t, result);
        trace?.Record(MontgomeryStep.Multiply, 1);
    }

    /// <summary>result = a²·R⁻¹ mod N: the full square (cross products once, doubled), then a separate reduction.</summary>
    private void Square(ReadOnlySpan<ulong> a, Span<ulong> result, Span<ulong> scratch, MontgomeryTrace? trace)
    {
        var s = Limbs;
        var t = scratch[..((2 * s) + 2)];
        t.Clear();
        ref var tr = ref MemoryMarshal.GetReference(t);
        ref var ar = ref MemoryMarshal.GetReference(a);

        // Cross products a[i]·a[j], i < j.
        for (var i = 0; i < s - 1; i++)
        {
            var ai = Unsafe.Add(ref ar, i);
            ulong carry = 0;
            for (var j = i + 1; j < s; j++)
            {
                carry = MultiplyAdd(ai, Unsafe.Add(ref ar, j), ref Unsafe.Add(ref tr, i + j), carry);
            }

            Unsafe.Add(ref tr, i + s) = carry;
        }

        // Double them and add the squares a[i]².
        ulong shifted = 0;
        ulong addCarry = 0;
        for (var i = 0; i < s; i++)
        {
            var high = Math.BigMul(Unsafe.Add(ref ar, i), Unsafe.Add(ref ar, i), out var low);
            var t0 = Unsafe.Add(ref tr, 2 * i);
            var t1 = Unsafe.Add(ref tr, (2 * i) + 1);
            var d0 = (t0 << 1) | shifted;
            var d1 = (t1 << 1) | (t0 >> 63);
            shifted = t1 >> 63;
            var sum0 = d0 + low;
            var c0 = Carry(sum0, low);
            sum0 += addCarry;
            c0 += Carry(sum0, addCarry);
            var sum1 = d1 + high;
            var c1 = Carry(sum1, high);
            sum1 += c0;
            c1 += Carry(sum1, c0);
            Unsafe.Add(ref tr, 2 * i) = sum0;
            Unsafe.Add(ref tr, (2 * i) + 1) = sum1;
            addCarry = c1;
        }

        // Montgomery reduction of the 2s-limb square, one limb at a time; the carry out of each row is kept
        // apart and added at the row's top, so no carry runs further than one limb.
        ref var nr = ref MemoryMarshal.GetReference<ulong>(_modulus);
        var nPrime = _nPrime;
        ulong overflow = 0;
        for (var i = 0; i < s; i++)
        {
            var m = Unsafe.Add(ref tr, i) * nPrime;
            ulong carry = 0;
            for (var j = 0; j < s; j++)
            {
                carry = MultiplyAdd(m, Unsafe.Add(ref nr, j), ref Unsafe.Add(ref tr, i + j), carry);
            }

            var top = Unsafe.Add(ref tr, i + s);
            var sum = top + carry;
            var c = Carry(sum, carry);
            sum += overflow;
            c += Carry(sum, overflow);
            Unsafe.Add(ref tr, i + s) = sum;
            overflow = c;
        }

        // The reduced value is t[s..2s] with the last overflow as its top limb.
        var reduced = t.Slice(s, s + 1);
        reduced[s] = overflow;
        SubtractModulusIfNeeded(reduced, result);
        trace?.Record(MontgomeryStep.Square, 1);
    }

    /// <summary>result = t − N when t ≥ N, else t, for t &lt; 2N given as s limbs and a top limb of 0 or 1; no branch on t.</summary>
    private void SubtractModulusIfNeeded(Span<ulong> t, Span<ulong> result)
    {
        var s = Limbs;
        Span<ulong> difference = stackalloc ulong[s];
        ulong borrow = 0;
        for (var j = 0; j < s; j++)
        {
            var tj = t[j];
            var nj = _modulus[j];
            var d = tj - nj;
            var borrow1 = Carry(tj, nj);
            var d2 = d - borrow;
            var borrow2 = Carry(d, borrow);
            difference[j] = d2;
            borrow = borrow1 | borrow2;
        }

        // Keep t only when the subtraction went below zero: no top limb and a borrow out.
        var keep = 0 - (~t[s] & borrow & 1);
        for (var j = 0; j < s; j++)
        {
            result[j] = (t[j] & keep) | (difference[j] & ~keep);
        }

        difference.Clear();
    }

    /// <summary>accumulator = low word of x·y + accumulator + carry; returns the high word (no overflow: (2⁶⁴−1)² + 2·(2⁶⁴−1) = 2¹²⁸−1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong x, ulong y, ref ulong accumulator, ulong carry)
    {
        var high = Math.BigMul(x, y, out var low);
        var addend = accumulator;
        low += addend;
        high += Carry(low, addend);
        low += carry;
        high += Carry(low, carry);
        accumulator = low;
        return high;
    }

    /// <summary>1 when a + b overflowed into <paramref name="sum"/> (sum &lt; addend), else 0; also the borrow of x − y as Carry(x, y) when x &lt; y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // Hacker's Delight 2-12 (unsigned x < y from bit operations): a `<` could be compiled to a branch, and the
    // operands here derive from secrets.
    private static ulong Carry(ulong sum, ulong addend) => ((~sum & addend) | (~(sum ^ addend) & (sum - addend))) >> 63;

    private static ulong[] ToLimbs(BigInteger value, int limbs)
    {
        var bytes = new byte[limbs * 8];
        if (!value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit the limbs.");
        }

        var result = new ulong[limbs];
        for (var i = 0; i < limbs; i++)
        {
            result[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
        }

        CryptographicOperations.ZeroMemory(bytes);
        return result;
    }

    private static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        var bytes = new byte[limbs.Length * 8];
        for (var i = 0; i < limbs.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), limbs[i]);
        }

        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        CryptographicOperations.ZeroMemory(bytes);
        return value;
    }
}
