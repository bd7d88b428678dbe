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
