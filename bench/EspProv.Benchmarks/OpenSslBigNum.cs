using System.Runtime.InteropServices;

namespace EspProv.Benchmarks;

/// <summary>
/// OpenSSL's BIGNUM modular exponentiation through libcrypto (the library .NET itself uses on Linux), the floor
/// the managed implementation is measured against. Benchmark-only: the product carries no native code.
/// </summary>
internal sealed partial class OpenSslBigNum : IDisposable
{
    private const string Library = "libcrypto.so.3";
    private readonly IntPtr _context = BN_CTX_new();
    private readonly IntPtr _base;
    private readonly IntPtr _exponent;
    private readonly IntPtr _modulus;
    private readonly IntPtr _result = BN_new();

    public OpenSslBigNum(byte[] baseBigEndian, byte[] exponentBigEndian, byte[] modulusBigEndian)
    {
        _base = BN_bin2bn(baseBigEndian, baseBigEndian.Length, IntPtr.Zero);
        _exponent = BN_bin2bn(exponentBigEndian, exponentBigEndian.Length, IntPtr.Zero);
        _modulus = BN_bin2bn(modulusBigEndian, modulusBigEndian.Length, IntPtr.Zero);
        if (_context == IntPtr.Zero || _base == IntPtr.Zero || _exponent == IntPtr.Zero || _modulus == IntPtr.Zero || _result == IntPtr.Zero)
        {
            throw new InvalidOperationException("libcrypto could not allocate the BIGNUMs.");
        }
    }

    /// <summary>BN_mod_exp: what an OpenSSL user calls (sliding window, Montgomery, x86-64 assembly; not constant-time).</summary>
    public IntPtr ModExp() => BN_mod_exp(_result, _base, _exponent, _modulus, _context) == 1 ? _result : throw new InvalidOperationException("BN_mod_exp failed.");

    /// <summary>BN_mod_exp_mont_consttime: OpenSSL's constant-time exponentiation (fixed window, scattered table).</summary>
    public IntPtr ModExpConstantTime() => BN_mod_exp_mont_consttime(_result, _base, _exponent, _modulus, _context, IntPtr.Zero) == 1 ? _result : throw new InvalidOperationException("BN_mod_exp_mont_consttime failed.");

    public byte[] Result(int length)
    {
        var bytes = new byte[length];
        return BN_bn2binpad(_result, bytes, length) == length ? bytes : throw new InvalidOperationException("BN_bn2binpad failed.");
    }

    public void Dispose()
    {
        BN_free(_base);
        BN_free(_exponent);
        BN_free(_modulus);
        BN_free(_result);
        BN_CTX_free(_context);
    }

    [LibraryImport(Library)]
    private static partial IntPtr BN_CTX_new();

    [LibraryImport(Library)]
    private static partial void BN_CTX_free(IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr BN_new();

    [LibraryImport(Library)]
    private static partial void BN_free(IntPtr value);

    [LibraryImport(Library)]
    private static partial IntPtr BN_bin2bn([In] byte[] bigEndian, int length, IntPtr result);

    [LibraryImport(Library)]
    private static partial int BN_bn2binpad(IntPtr value, [Out] byte[] bigEndian, int length);

    [LibraryImport(Library)]
    private static partial int BN_mod_exp(IntPtr result, IntPtr value, IntPtr exponent, IntPtr modulus, IntPtr context);

    [LibraryImport(Library)]
    private static partial int BN_mod_exp_mont_consttime(IntPtr result, IntPtr value, IntPtr exponent, IntPtr modulus, IntPtr context, IntPtr montgomery);
}
