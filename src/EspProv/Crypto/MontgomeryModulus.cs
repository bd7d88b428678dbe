using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>
/// Modular exponentiation modulo one fixed odd modulus in Montgomery form (managed, so it runs the same in the
/// Native AOT binary and on every OS), on digits smaller than the machine word so that sums of products need no
/// carry propagation, with R = 2^(digit bits · digits), R² mod N and n′ = −N⁻¹ mod 2^(digit bits) computed once.
/// Three ways to multiply, the widest the machine has chosen once per modulus:
/// <list type="bullet">
/// <item>With AVX2 (x64): 28-bit digits, one per 64-bit vector lane, operand scanning with the reduction
/// interleaved, two rows per pass: a pass adds a_r·b + m_r·N and a_(r+1)·b + m_(r+1)·N into 64-bit column sums
/// four columns at a time with <c>VPMULUDQ</c> (32×32→64-bit products); a column sum holds every product of its
/// column (at most 2·digits products below 2⁵⁶) without overflow. The m's come from scalar code one pass ahead,
/// and the carries between the low columns stay in a scalar register. Squaring is a multiplication.</item>
/// <item>With SSE2 only (x64 without AVX2, and a default Native AOT build for x64, which assumes no AVX2 or
/// BMI2): the same, two columns at a time with <c>PMULUDQ</c>.</item>
/// <item>Elsewhere (ARM64): 56-bit digits and product scanning with the reduction in the same
/// columns ("FIPS" Montgomery): each 56×56-bit product's low 56 bits and high part go into two plain 64-bit
/// accumulators, which cannot overflow within a column; one operand of each product is stored shifted left by 8
/// bits, so the 128-bit product's high word is already the high part and its low word shifted right by 8 the low
/// part. Squaring sums each column's cross products once and doubles them.</item>
/// </list>
/// </summary>
/// <remarks>
/// What is constant-time (with respect to the exponent's bits and the values being multiplied): the sequence of
/// squarings, multiplications and table scans depends only on the exponent's public width, never on its bits
/// (a fixed window, a multiplication for every window, a zero window included); every table lookup reads every
/// entry and keeps one through masks; every loop runs a count fixed by the modulus's size; no carry is computed
/// by a comparison (column sums cannot overflow, carries between columns are shifts, the final subtraction's
/// borrow is an arithmetic shift and its choice a mask), so nothing branches on or indexes memory by a value.
/// When R ≥ 4N (a property of the modulus; SRP's has R = 2³⁰⁸⁰), values stay below 2N and only the conversion out
/// of Montgomery form subtracts N, always through the same masked code.
/// <c>MULX</c>/<c>IMUL</c> on x64, <c>UMULH</c>/<c>MUL</c> on ARM64 and <c>VPMULUDQ</c>/<c>PMULUDQ</c> take a
/// time that does not depend on their operands. (Without BMI2, <see cref="Math.BigMul(ulong, ulong, out ulong)"/>
/// falls back to 32-bit multiplications in managed code; on x64 only the scalar path forced by tests and benchmarks
/// runs it.)
/// What is not: the conversions at the edges (<see cref="BigInteger"/> to and from digits, whose byte length
/// depends on the value's leading zeros), and whatever System.Numerics arithmetic the caller does around the
/// exponentiation (SRP's k·v, a + u·x and the reductions mod N). The exponent's width must be public: callers
/// pass the width of the secret's type (256 bits for a and b, 512 for SHA-512 values), not its bit length.
/// The column sums bound the modulus to <see cref="MaxBits"/> bits (SRP's is 3072).
/// </remarks>
internal sealed class MontgomeryModulus
{
    /// <summary>
    /// The largest modulus: 62 digits of 56 bits (a squaring column then sums at most 4·62 + 3 terms below 2⁵⁶,
    /// its doubled cross products, its square, the reduction's products and the carry in, below 2⁶⁴), which is
    /// also at most 124 digits of 28 bits (a column sums at most 2·124 products below 2⁵⁶ and a carry).
    /// </summary>
    internal const int MaxBits = 62 * 56;

    private const int WideBits = 56;
    private const int NarrowBits = 28;

    private readonly int _digitBits;
    private readonly ulong _digitMask;
    private readonly ulong[] _modulus;
    private readonly ulong[] _modulusShifted; // scalar path: each digit shifted up by 64 − 56 bits
    private readonly ulong[] _modulusPadded; // vector path: 4 zero digits, N, 4 zero digits
    private readonly ulong[] _rSquared;
    private readonly ulong[] _one;
    private readonly ulong _nPrime;
    private readonly bool _lazy; // R ≥ 4N: values may stay below 2N between multiplications

    public MontgomeryModulus(BigInteger modulus)
        : this(modulus, maxVectorBits: 256)
    {
    }

    /// <param name="modulus">The odd modulus.</param>
    /// <param name="maxVectorBits">The widest vectors to use (256, 128, or 0 for the scalar path): tests run every path a machine has.</param>
    internal MontgomeryModulus(BigInteger modulus, int maxVectorBits)
    {
        if (modulus.Sign <= 0 || modulus.IsEven)
        {
            throw new ArgumentException("Montgomery arithmetic needs an odd positive modulus.", nameof(modulus));
        }

        Limbs = (int)((modulus.GetBitLength() + 63) / 64);
        if (64L * Limbs > MaxBits)
        {
            throw new ArgumentException($"The modulus is too large: at most {MaxBits / 64 * 64} bits.", nameof(modulus));
        }

        VectorBits = maxVectorBits >= 256 && Avx2.IsSupported ? 256 : maxVectorBits >= 128 && Sse2.IsSupported ? 128 : 0;
        IsVector = VectorBits != 0;
        _digitBits = IsVector ? NarrowBits : WideBits;
        _digitMask = (1UL << _digitBits) - 1;

        // Enough digits for any base of Limbs 64-bit limbs, so R = 2^(digit bits · Digits) is above every base
        // accepted; the vector path pads its arrays to whole vectors with zero digits.
        Digits = ((64 * Limbs) + _digitBits - 1) / _digitBits;
        Stride = IsVector ? (Digits + 3) & ~3 : Digits;

        _modulus = ToDigits(modulus);
        _modulusShifted = new ulong[Stride];
        for (var i = 0; i < Stride; i++)
        {
            _modulusShifted[i] = _modulus[i] << (64 - WideBits);
        }

        _modulusPadded = new ulong[Stride + 8];
        _modulus.CopyTo(_modulusPadded, 4);

        var r = BigInteger.One << (_digitBits * Digits);
        _rSquared = ToDigits(r * r % modulus);
        _one = ToDigits(r % modulus);

        // Newton's iteration for N⁻¹ mod 2⁶⁴: n0 is its own inverse mod 8 (3 bits) and each step doubles the bits.
        var n0 = _modulus[0];
        var inverse = n0;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (n0 * inverse);
        }

        _nPrime = (0 - inverse) & _digitMask;
        _lazy = (long)_digitBits * Digits >= modulus.GetBitLength() + 2;
    }

    /// <summary>The number of 64-bit limbs of the modulus (a base may be any value of that many limbs).</summary>
    public int Limbs { get; }

    /// <summary>True when a vector path (28-bit digits) runs, false for the scalar one (56-bit digits).</summary>
    internal bool IsVector { get; }

    /// <summary>The vector path's width: 256 (AVX2), 128 (SSE2, every x64), or 0 (the scalar path).</summary>
    internal int VectorBits { get; }

    /// <summary>The number of digits the arithmetic runs on.</summary>
    internal int Digits { get; }

    /// <summary>The length of a number's digit array: <see cref="Digits"/>, rounded up to whole vectors on the vector path.</summary>
    private int Stride { get; }

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

        var s = Stride;
        var window = WindowBits(exponentBits);
        var entries = 1 << window;
        var exponentLimbs = ToLimbs(exponent, (exponentBits + 63) / 64);
        var baseDigits = ToDigits(value); // the client's S uses a base derived from x: cleared like the rest
        var table = new ulong[entries * s];
        var work = new ulong[(6 * s) + 24];
        var acc = work.AsSpan(0, s);
        var selected = work.AsSpan(s, s);
        var scratch = work.AsSpan(2 * s);
        try
        {
            // table[i] = value^i in Montgomery form; table[0] is 1 (R mod N).
            _one.CopyTo(table.AsSpan(0, s));
            var baseMont = table.AsSpan(s, s);
            Multiply(baseDigits, _rSquared, baseMont, scratch, trace);
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

            // Out of Montgomery form: multiply by plain 1, reduced below N.
            selected.Clear();
            selected[0] = 1;
            Multiply(acc, selected, acc, scratch, trace, belowN: true);
            return FromDigits(acc);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(table.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(work.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(exponentLimbs.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(baseDigits.AsSpan()));
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

    /// <summary>Copies table[index] to the destination by reading every entry and masking all but one (four digits at a time where 256-bit vectors are in hardware).</summary>
    private void Select(ulong[] table, int entries, int index, Span<ulong> destination, MontgomeryTrace? trace)
    {
        var s = Stride;
        destination.Clear();
        ref var tr = ref MemoryMarshal.GetArrayDataReference(table);
        ref var dr = ref MemoryMarshal.GetReference(destination);
        var vectors = Vector256.IsHardwareAccelerated ? s & ~3 : 0;
        for (var k = 0; k < entries; k++)
        {
            var difference = (ulong)(uint)(k ^ index);
            var mask = ((difference | (0 - difference)) >> 63) - 1;
            var maskVector = Vector256.Create(mask);
            ref var entry = ref Unsafe.Add(ref tr, k * s);
            var j = 0;
            for (; j < vectors; j += 4)
            {
                (Vector256.LoadUnsafe(ref dr, (nuint)j) | (Vector256.LoadUnsafe(ref entry, (nuint)j) & maskVector)).StoreUnsafe(ref dr, (nuint)j);
            }

            for (; j < s; j++)
            {
                Unsafe.Add(ref dr, j) |= Unsafe.Add(ref entry, j) & mask;
            }
        }

        trace?.Record(MontgomeryStep.TableScan, entries);
    }

    /// <summary>
    /// result ≡ a·b·R⁻¹ mod N for a &lt; R and b &lt; 2N with R ≥ 4N, or b &lt; N (so the unreduced result is below 2N),
    /// itself below 2N (below N with <paramref name="belowN"/>, or when R &lt; 4N). The result may alias a or b.
    /// </summary>
    private void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch, MontgomeryTrace? trace, bool belowN = false)
    {
        if (IsVector)
        {
            MultiplyVector(a, b, result, scratch, belowN);
        }
        else
        {
            MultiplyScalar(a, b, result, scratch, belowN);
        }

        trace?.Record(MontgomeryStep.Multiply, 1);
    }

    /// <summary>result ≡ a²·R⁻¹ mod N, below 2N as <see cref="Multiply"/>'s. The result may alias a.</summary>
    private void Square(ReadOnlySpan<ulong> a, Span<ulong> result, Span<ulong> scratch, MontgomeryTrace? trace)
    {
        if (IsVector)
        {
            // A dedicated squaring (each cross product once) measured no faster here: the passes it saves
            // multiplications in vary in length, and the loop exits they mispredict cost about as much.
            MultiplyVector(a, a, result, scratch, belowN: false);
        }
        else
        {
            SquareScalar(a, result, scratch);
        }

        trace?.Record(MontgomeryStep.Square, 1);
    }

    /// <summary>
    /// The AVX2 path's multiplication, two rows per pass: pass r adds a_r·b + m_r·N + (a_(r+1)·b + m_(r+1)·N)
    /// shifted by one column into the column sums, four <c>VPMULUDQ</c> per block of four columns loaded and
    /// stored (operands shifted by one column are read from copies with zero digits on both sides). The scalar
    /// work that gives the next pass's m_(r+2) and m_(r+3) runs before pass r: column k's sum is memory (the passes
    /// before r) plus the terms of rows r … k−1 and a_k·b_0, plus the carry out of column k−1, which is never
    /// written to memory; the carry out of column digits−1 is added to column digits at the end.
    /// </summary>
    private unsafe void MultiplyVector(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch, bool belowN)
    {
        const ulong mask = (1UL << NarrowBits) - 1;
        var d = Digits;
        var s = Stride;
        var nPrime = _nPrime;
        fixed (ulong* ap = a, bp = b, sp = scratch, modulusPadded = _modulusPadded)
        {
            var tp = ColumnSums(sp, s);
            var padded = sp + (2 * s) + 12; // s + 8 digits: 4 zeros, b, 4 zeros
            new Span<ulong>(padded, 4).Clear();
            new ReadOnlySpan<ulong>(bp, s).CopyTo(new Span<ulong>(padded + 4, s));
            new Span<ulong>(padded + 4 + s, 4).Clear();
            var bd = padded + 4;
            var np = modulusPadded + 4;
            ulong b0 = bd[0], b1 = bd[1], b2 = bd[2], b3 = bd[3], n0 = np[0], n1 = np[1], n2 = np[2], n3 = np[3];

            // Columns 0 and 1 (memory is zero): m_0 and m_1.
            var column = ap[0] * b0;
            var m = (column * nPrime) & mask;
            var carry = (column + (m * n0)) >> NarrowBits;
            column = (ap[0] * b1) + (m * n1) + (ap[1] * b0) + carry;
            var mNext = (column * nPrime) & mask;
            carry = (column + (mNext * n0)) >> NarrowBits;
            var r = 0;
            for (; r + 1 < d; r += 2)
            {
                ulong ai = ap[r], aj = ap[r + 1], mC = 0, mD = 0;
                if (r + 2 < d)
                {
                    var ak = ap[r + 2];
                    column = tp[r + 2] + (ai * b2) + (m * n2) + (aj * b1) + (mNext * n1) + (ak * b0) + carry;
                    mC = (column * nPrime) & mask;
                    carry = (column + (mC * n0)) >> NarrowBits;
                    if (r + 3 < d)
                    {
                        column = tp[r + 3] + (ai * b3) + (m * n3) + (aj * b2) + (mNext * n2) + (ak * b1) + (mC * n1) + (ap[r + 3] * b0) + carry;
                        mD = (column * nPrime) & mask;
                        carry = (column + (mD * n0)) >> NarrowBits;
                    }
                }

                if (VectorBits == 256)
                {
                    AddRowPair(tp + r, ai, aj, bd, m, mNext, np, s + 1);
                }
                else
                {
                    AddRowPair128(tp + r, ai, aj, bd, m, mNext, np, s + 1);
                }

                m = mC;
                mNext = mD;
            }

            if (r < d)
            {
                if (VectorBits == 256)
                {
                    AddRows(tp + r, ap[r], bd, m, np, 0, s);
                }
                else
                {
                    AddRows128(tp + r, ap[r], bd, m, np, 0, s);
                }
            }

            FinishVector(tp, carry, result, belowN);
        }
    }

    /// <summary>t[j] += x·y[j] + u·v[j] + x2·y[j−1] + u2·v[j−1] for j from 0 while j &lt; <paramref name="to"/>, in blocks of 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRowPair(ulong* t, ulong x, ulong x2, ulong* y, ulong u, ulong u2, ulong* v, int to)
    {
        var xv = Vector256.Create(x).AsUInt32();
        var x2v = Vector256.Create(x2).AsUInt32();
        var uv = Vector256.Create(u).AsUInt32();
        var u2v = Vector256.Create(u2).AsUInt32();
        for (var j = 0; j < to; j += 4)
        {
            var sum = Vector256.Load(t + j) + Avx2.Multiply(xv, Vector256.Load(y + j).AsUInt32()) + Avx2.Multiply(uv, Vector256.Load(v + j).AsUInt32());
            sum += Avx2.Multiply(x2v, Vector256.Load(y + j - 1).AsUInt32()) + Avx2.Multiply(u2v, Vector256.Load(v + j - 1).AsUInt32());
            sum.Store(t + j);
        }
    }

    /// <summary>As <see cref="AddRowPair"/>, two columns at a time with SSE2's <c>PMULUDQ</c> (every x64, and what a default Native AOT build assumes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRowPair128(ulong* t, ulong x, ulong x2, ulong* y, ulong u, ulong u2, ulong* v, int to)
    {
        var xv = Vector128.Create(x).AsUInt32();
        var x2v = Vector128.Create(x2).AsUInt32();
        var uv = Vector128.Create(u).AsUInt32();
        var u2v = Vector128.Create(u2).AsUInt32();
        for (var j = 0; j < to; j += 2)
        {
            var sum = Vector128.Load(t + j) + Sse2.Multiply(xv, Vector128.Load(y + j).AsUInt32()) + Sse2.Multiply(uv, Vector128.Load(v + j).AsUInt32());
            sum += Sse2.Multiply(x2v, Vector128.Load(y + j - 1).AsUInt32()) + Sse2.Multiply(u2v, Vector128.Load(v + j - 1).AsUInt32());
            sum.Store(t + j);
        }
    }

    /// <summary>As <see cref="AddRows"/>, two columns at a time with SSE2's <c>PMULUDQ</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRows128(ulong* t, ulong x, ulong* y, ulong u, ulong* v, int from, int to)
    {
        var xv = Vector128.Create(x).AsUInt32();
        var uv = Vector128.Create(u).AsUInt32();
        for (var c = from; c < to; c += 2)
        {
            (Vector128.Load(t + c) + Sse2.Multiply(xv, Vector128.Load(y + c).AsUInt32()) + Sse2.Multiply(uv, Vector128.Load(v + c).AsUInt32())).Store(t + c);
        }
    }

    /// <summary>
    /// After the last pass: columns digits … 2·digits−1 are in memory, and the carry into the lowest of them apart;
    /// normalises them into digits with carries (shifts) and reduces the result below N.
    /// </summary>
    private unsafe void FinishVector(ulong* tp, ulong carryIntoD, Span<ulong> result, bool belowN)
    {
        const ulong mask = (1UL << NarrowBits) - 1;
        var d = Digits;
        var carry = carryIntoD;
        for (var k = 0; k < d; k++)
        {
            var v = tp[d + k] + carry;
            tp[k] = v & mask;
            carry = v >> NarrowBits;
        }

        tp[d] = carry;
        Reduce(new ReadOnlySpan<ulong>(tp, d + 1), result, belowN);
    }

    /// <summary>The column sums' array in the scratch (2·stride + 8 words, cleared), aligned to 32 bytes.</summary>
    private static unsafe ulong* ColumnSums(ulong* scratch, int stride)
    {
        var t = (ulong*)(((nuint)scratch + 31) & ~(nuint)31);
        new Span<ulong>(t, (2 * stride) + 8).Clear();
        return t;
    }

    /// <summary>t[j] += x·y[j] + u·v[j] for j from <paramref name="from"/> (a multiple of 4) while j &lt; <paramref name="to"/>, in blocks of 4 (all factors below 2³²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRows(ulong* t, ulong x, ulong* y, ulong u, ulong* v, int from, int to)
    {
        var xv = Vector256.Create(x).AsUInt32();
        var uv = Vector256.Create(u).AsUInt32();
        for (var c = from; c < to; c += 4)
        {
            (Vector256.Load(t + c) + Avx2.Multiply(xv, Vector256.Load(y + c).AsUInt32()) + Avx2.Multiply(uv, Vector256.Load(v + c).AsUInt32())).Store(t + c);
        }
    }

    /// <summary>
    /// The scalar path's multiplication: product scanning, column k summing a_i·b_(k−i) and m_i·N_(k−i) into a
    /// low (bits 0–55) and a high accumulator; in the columns below the digit count, m_k is chosen to clear the
    /// column's low digit, and the columns above give the result's digits.
    /// </summary>
    private unsafe void MultiplyScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch, bool belowN)
    {
        var s = Digits;
        var bShifted = scratch[..s];
        var m = scratch.Slice(s, s);
        var t = scratch.Slice(2 * s, s + 1);
        for (var j = 0; j < s; j++)
        {
            bShifted[j] = b[j] << (64 - WideBits);
        }

        var nPrime = _nPrime;
        fixed (ulong* ap = a, bp = bShifted, mp = m, np = _modulusShifted, tp = t)
        {
            ulong carry = 0;
            for (var k = 0; k < s; k++)
            {
                var low = carry;
                ulong high = 0;
                var bk = bp + k;
                var nk = np + k;
                for (nint i = 0; i < k; i++)
                {
                    MultiplyAccumulate(ap[i], bk[-i], ref low, ref high);
                    MultiplyAccumulate(mp[i], nk[-i], ref low, ref high);
                }

                MultiplyAccumulate(ap[k], bp[0], ref low, ref high);
                var mk = (low * nPrime) & ((1UL << WideBits) - 1);
                mp[k] = mk;
                MultiplyAccumulate(mk, np[0], ref low, ref high);
                carry = (low >> WideBits) + high; // the column's low digit is now zero
            }

            for (var k = s; k < (2 * s) - 1; k++)
            {
                var low = carry;
                ulong high = 0;
                var bk = bp + k;
                var nk = np + k;
                for (nint i = k - s + 1; i < s; i++)
                {
                    MultiplyAccumulate(ap[i], bk[-i], ref low, ref high);
                    MultiplyAccumulate(mp[i], nk[-i], ref low, ref high);
                }

                tp[k - s] = low & ((1UL << WideBits) - 1);
                carry = (low >> WideBits) + high;
            }

            tp[s - 1] = carry & ((1UL << WideBits) - 1);
            tp[s] = carry >> WideBits;
        }

        Reduce(t, result, belowN);
    }

    /// <summary>
    /// The scalar path's squaring: as <see cref="MultiplyScalar"/>, but each column's cross products a_i·a_j
    /// (i &lt; j) are summed once and doubled, and the square a_(k/2)² added in even columns (a public index).
    /// </summary>
    private unsafe void SquareScalar(ReadOnlySpan<ulong> a, Span<ulong> result, Span<ulong> scratch)
    {
        var s = Digits;
        var aShifted = scratch[..s];
        var m = scratch.Slice(s, s);
        var t = scratch.Slice(2 * s, s + 1);
        for (var j = 0; j < s; j++)
        {
            aShifted[j] = a[j] << (64 - WideBits);
        }

        var nPrime = _nPrime;
        fixed (ulong* ap = a, asp = aShifted, mp = m, np = _modulusShifted, tp = t)
        {
            ulong carry = 0;
            for (var k = 0; k < (2 * s) - 1; k++)
            {
                ulong crossLow = 0;
                ulong crossHigh = 0;
                var first = k < s ? 0 : k - s + 1;
                var ak = asp + k;
                for (nint i = first; 2 * i < k; i++)
                {
                    MultiplyAccumulate(ap[i], ak[-i], ref crossLow, ref crossHigh);
                }

                var low = carry + (crossLow << 1);
                var high = crossHigh << 1;
                if ((k & 1) == 0)
                {
                    MultiplyAccumulate(ap[k >> 1], asp[k >> 1], ref low, ref high);
                }

                var nk = np + k;
                var last = k < s ? k : s;
                for (nint i = first; i < last; i++)
                {
                    MultiplyAccumulate(mp[i], nk[-i], ref low, ref high);
                }

                if (k < s)
                {
                    var mk = (low * nPrime) & ((1UL << WideBits) - 1);
                    mp[k] = mk;
                    MultiplyAccumulate(mk, np[0], ref low, ref high);
                }
                else
                {
                    tp[k - s] = low & ((1UL << WideBits) - 1);
                }

                carry = (low >> WideBits) + high;
            }

            tp[s - 1] = carry & ((1UL << WideBits) - 1);
            tp[s] = carry >> WideBits;
        }

        Reduce(t, result, belowN: false);
    }

    /// <summary>
    /// The result of a multiplication from t (below 2N): t itself when the modulus leaves R ≥ 4N and the result
    /// may stay below 2N (inputs below 2N then give outputs below 2N, so the exponentiation needs no subtraction
    /// until its last step), else t reduced below N. Both conditions are public.
    /// </summary>
    private void Reduce(ReadOnlySpan<ulong> t, Span<ulong> result, bool belowN)
    {
        if (_lazy && !belowN)
        {
            t[..Digits].CopyTo(result); // t's top digit is zero: t < 2N ≤ R/2
            result[Digits..Stride].Clear();
        }
        else
        {
            SubtractModulusIfNeeded(t, result);
        }
    }

    /// <summary>
    /// result = t − N when t ≥ N, else t, for t &lt; 2N given as <see cref="Digits"/> normalised digits and a top
    /// digit of 0 or 1; the borrow is an arithmetic shift and the choice a mask, no branch on t. Padding digits
    /// of the result are left zero.
    /// </summary>
    private void SubtractModulusIfNeeded(ReadOnlySpan<ulong> t, Span<ulong> result)
    {
        var d = Digits;
        long borrow = 0;
        for (var j = 0; j < d; j++)
        {
            var difference = (long)t[j] - (long)_modulus[j] + borrow; // |difference| ≤ 2^digit bits: its sign is the borrow
            result[j] = (ulong)difference & _digitMask;
            borrow = difference >> 63;
        }

        // Keep t when t − N went below zero: the top digit (0 or 1) plus the borrow (0 or −1) is −1 exactly then.
        var keep = (ulong)(((long)t[d] + borrow) >> 63);
        for (var j = 0; j < d; j++)
        {
            result[j] = (t[j] & keep) | (result[j] & ~keep);
        }

        result[d..Stride].Clear();
    }

    /// <summary>
    /// low += the low 56 bits of x·y, high += the rest, for x &lt; 2⁵⁶ and y a 56-bit digit shifted up by 8: the
    /// 128-bit product's high word is x·digit >> 56 exactly, and its low word the low 56 bits shifted up by 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAccumulate(ulong x, ulong shiftedY, ref ulong low, ref ulong high)
    {
        if (Bmi2.X64.IsSupported)
        {
            // MULX for the high word and IMUL for the low one keep both in registers (Math.BigMul's low half
            // goes through memory in RyuJIT).
            high += Bmi2.X64.MultiplyNoFlags(x, shiftedY);
            low += (x * shiftedY) >> (64 - WideBits);
        }
        else
        {
            high += Math.BigMul(x, shiftedY, out var productLow);
            low += productLow >> (64 - WideBits);
        }
    }

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

    /// <summary>The value as <see cref="Stride"/> digits, least significant first (padding digits zero).</summary>
    private ulong[] ToDigits(BigInteger value)
    {
        // Each digit is read as the 8 bytes from its first bit's byte (digit bits + 7 ≤ 64), so 8 spare bytes.
        var bytes = new byte[(((Digits * _digitBits) + 7) / 8) + 8];
        if (!value.TryWriteBytes(bytes.AsSpan(0, bytes.Length - 8), out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit the digits.");
        }

        var result = new ulong[Stride];
        for (var i = 0; i < Digits; i++)
        {
            var bit = i * _digitBits;
            result[i] = (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bit >> 3)) >> (bit & 7)) & _digitMask;
        }

        CryptographicOperations.ZeroMemory(bytes);
        return result;
    }

    private BigInteger FromDigits(ReadOnlySpan<ulong> digits)
    {
        var bytes = new byte[(((Digits * _digitBits) + 7) / 8) + 8];
        for (var i = 0; i < Digits; i++)
        {
            var bit = i * _digitBits;
            var at = bytes.AsSpan(bit >> 3);
            BinaryPrimitives.WriteUInt64LittleEndian(at, BinaryPrimitives.ReadUInt64LittleEndian(at) | (digits[i] << (bit & 7)));
        }

        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        CryptographicOperations.ZeroMemory(bytes);
        return value;
    }
}
