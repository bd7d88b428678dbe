using EspProv.Protocol.Protocomm;

namespace EspProv.Security;

/// <summary>The protocomm security schemes (the <c>sec_ver</c> of <c>SessionData</c>).</summary>
public enum SecurityVersion
{
    /// <summary>No security: plaintext, no authentication.</summary>
    Sec0 = 0,

    /// <summary>X25519 key exchange, optional proof of possession, AES-256-CTR.</summary>
    Sec1 = 1,

    /// <summary>SRP6a (3072-bit, SHA-512) with AES-256-GCM.</summary>
    Sec2 = 2,
}

/// <summary>
/// Where <see cref="SecurityVersion"/> meets its other spellings: the <c>sec_ver</c> number of
/// <c>proto-ver</c>, the command line and QR payloads, and the generated <c>SecSchemeVersion</c> of <c>SessionData</c>.
/// </summary>
public static class SecurityVersionExtensions
{
    extension(SecurityVersion version)
    {
        /// <summary>The <c>sec_ver</c> number: 0, 1 or 2.</summary>
        public int Number => (int)version;

        /// <summary>The <c>sec_ver</c> of a <c>SessionData</c> envelope.</summary>
        internal SecSchemeVersion WireValue => (SecSchemeVersion)(int)version;
    }

    extension(SecurityVersion)
    {
        /// <summary>The scheme numbered <paramref name="number"/>; false for anything but 0, 1 and 2.</summary>
        public static bool TryFromNumber(int number, out SecurityVersion version)
        {
            var known = Enum.IsDefined((SecurityVersion)number);
            version = known ? (SecurityVersion)number : default;
            return known;
        }

        /// <summary>The scheme a <c>SessionData</c> envelope names (possibly one this library does not know).</summary>
        internal static SecurityVersion FromWire(SecSchemeVersion wire) => (SecurityVersion)(int)wire;
    }
}
