using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>
/// OpenSSL's constant-time modular exponentiation (BN_mod_exp_mont_consttime, x86-64/ARM64 assembly with a
/// masked table gather) through libcrypto, for the SRP group only, with its Montgomery context made once.
/// Used where the platform provides libcrypto (Linux, where .NET's own cryptography loads the same library);
/// elsewhere, or if anything about the library is off, <see cref="Srp6aGroup.ModPow"/> uses the managed
/// <see cref="MontgomeryModulus"/>. The measured choice is in docs/performance.md: the managed code takes 3–4
/// times OpenSSL's time on the project's machine, over the 2× the project allows, on the platform most runs use.
/// </summary>
/// <remarks>
/// Constant-time as OpenSSL states it for BN_mod_exp_mont_consttime: fixed window, every table read touches the
/// whole table. Its loop length follows the exponent's count of 64-bit words after leading zero bytes are dropped
/// by BN_bin2bn, so a secret whose top 64 bits are all zero (probability 2⁻⁶⁴ for a random one) runs shorter; the
/// managed path has not even that. The BIGNUMs holding the exponent and results are freed with BN_clear_free.
/// </remarks>
internal static unsafe class LibCryptoModPow
{
    private static readonly Library? Loaded = Library.Load();

    /// <summary>Whether exponentiations go through libcrypto in this process.</summary>
    public static bool IsAvailable => Loaded is not null;

    /// <summary>value^exponent mod N (value in [0, N)); false when libcrypto is not available or failed.</summary>
    public static bool TryModPow(BigInteger value, BigInteger exponent, int exponentBits, out BigInteger result)
    {
        result = default;
        return Loaded is { } library && library.TryModPow(value, exponent, exponentBits, out result);
    }

    private sealed class Library
    {
        private readonly delegate* unmanaged<IntPtr> _ctxNew;
        private readonly delegate* unmanaged<IntPtr, void> _ctxFree;
        private readonly delegate* unmanaged<byte*, int, IntPtr, IntPtr> _bin2bn;
        private readonly delegate* unmanaged<IntPtr, byte*, int, int> _bn2binpad;
        private readonly delegate* unmanaged<IntPtr> _new;
        private readonly delegate* unmanaged<IntPtr, void> _clearFree;
        private readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int> _modExpConstantTime;
        private readonly IntPtr _modulus;
        private readonly IntPtr _montgomery;

        private Library(IntPtr handle)
        {
            _ctxNew = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(handle, "BN_CTX_new");
            _ctxFree = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(handle, "BN_CTX_free");
            _bin2bn = (delegate* unmanaged<byte*, int, IntPtr, IntPtr>)NativeLibrary.GetExport(handle, "BN_bin2bn");
            _bn2binpad = (delegate* unmanaged<IntPtr, byte*, int, int>)NativeLibrary.GetExport(handle, "BN_bn2binpad");
            _new = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(handle, "BN_new");
            _clearFree = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(handle, "BN_clear_free");
            _modExpConstantTime = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int>)NativeLibrary.GetExport(handle, "BN_mod_exp_mont_consttime");
            var montNew = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(handle, "BN_MONT_CTX_new");
            var montSet = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, int>)NativeLibrary.GetExport(handle, "BN_MONT_CTX_set");
            _modulus = FromBytes(Srp6aGroup.NBytes);
            _montgomery = montNew();
            var context = _ctxNew();
            try
            {
                if (_modulus == IntPtr.Zero || _montgomery == IntPtr.Zero || context == IntPtr.Zero || montSet(_montgomery, _modulus, context) != 1)
                {
                    throw new EntryPointNotFoundException("libcrypto could not set up the Montgomery context.");
                }
            }
            finally
            {
                _ctxFree(context);
            }
        }

        public static Library? Load()
        {
            // Only Linux: Windows and macOS builds of .NET do not use OpenSSL, and loading a stray copy is no gain.
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            foreach (var name in (ReadOnlySpan<string>)["libcrypto.so.3", "libcrypto.so.1.1"])
            {
                if (!NativeLibrary.TryLoad(name, out var handle))
                {
                    continue;
                }

                try
                {
                    var library = new Library(handle);
                    // A known answer before first use: 5^(2^64 + 1) mod N from libcrypto and from System.Numerics.
                    var exponent = (BigInteger.One << 64) + 1;
                    if (library.TryModPow(Srp6aGroup.G, exponent, 65, out var check) && check == BigInteger.ModPow(Srp6aGroup.G, exponent, Srp6aGroup.N))
                    {
                        return library;
                    }
                }
                catch (EntryPointNotFoundException)
                {
                    // An unexpected libcrypto: the managed implementation serves.
                }
            }

            return null;
        }

        public bool TryModPow(BigInteger value, BigInteger exponent, int exponentBits, out BigInteger result)
        {
            result = default;
            Span<byte> valueBytes = stackalloc byte[Srp6aGroup.Length];
            Span<byte> exponentBytes = stackalloc byte[(exponentBits + 7) / 8];
            Span<byte> resultBytes = stackalloc byte[Srp6aGroup.Length];
            IntPtr context = IntPtr.Zero, bnValue = IntPtr.Zero, bnExponent = IntPtr.Zero, bnResult = IntPtr.Zero;
            try
            {
                if (!value.TryWriteBytes(valueBytes, out var valueLength, isUnsigned: true, isBigEndian: true)
                    || !exponent.TryWriteBytes(exponentBytes, out var exponentLength, isUnsigned: true, isBigEndian: true))
                {
                    return false;
                }

                context = _ctxNew();
                bnValue = FromBytes(valueBytes[..valueLength]);
                bnExponent = FromBytes(exponentBytes[..exponentLength]);
                bnResult = _new();
                if (context == IntPtr.Zero || bnValue == IntPtr.Zero || bnExponent == IntPtr.Zero || bnResult == IntPtr.Zero
                    || _modExpConstantTime(bnResult, bnValue, bnExponent, _modulus, context, _montgomery) != 1)
                {
                    return false;
                }

                fixed (byte* destination = resultBytes)
                {
                    if (_bn2binpad(bnResult, destination, resultBytes.Length) != resultBytes.Length)
                    {
                        return false;
                    }
                }

                result = Srp6aGroup.FromBytes(resultBytes);
                return true;
            }
            finally
            {
                _clearFree(bnResult);
                _clearFree(bnExponent);
                _clearFree(bnValue);
                _ctxFree(context);
                CryptographicOperations.ZeroMemory(valueBytes);
                CryptographicOperations.ZeroMemory(exponentBytes);
                CryptographicOperations.ZeroMemory(resultBytes);
            }
        }

        private IntPtr FromBytes(ReadOnlySpan<byte> bigEndian)
        {
            fixed (byte* source = bigEndian)
            {
                return _bin2bn(source, bigEndian.Length, IntPtr.Zero);
            }
        }
    }
}
