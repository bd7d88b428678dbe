namespace EspProv.Security;

/// <summary>
/// How strongly a session authenticates the device, weakest first: what a security scheme gives once
/// the proof of possession is taken into account (security 1 without one is as open to a
/// man in the middle as security 0, only encrypted).
/// </summary>
public enum SecurityLevel
{
    /// <summary>Security 0: no encryption, no authentication.</summary>
    Sec0 = 0,

    /// <summary>Security 1 on a device without a proof of possession (<c>no_pop</c>): encrypted, unauthenticated.</summary>
    Sec1WithoutPop = 1,

    /// <summary>Security 1 with a proof of possession.</summary>
    Sec1 = 2,

    /// <summary>Security 2 (SRP6a).</summary>
    Sec2 = 3,
}

/// <summary>Text for <see cref="SecurityLevel"/>.</summary>
public static class SecurityLevelExtensions
{
    /// <summary>Whether a session at this level proves the device knows a shared secret.</summary>
    public static bool IsAuthenticated(this SecurityLevel level) => level >= SecurityLevel.Sec1;

    /// <summary>A short description for messages.</summary>
    public static string Describe(this SecurityLevel level) => level switch
    {
        SecurityLevel.Sec0 => "security 0 (no encryption, no authentication)",
        SecurityLevel.Sec1WithoutPop => "security 1 without a proof of possession (unauthenticated)",
        SecurityLevel.Sec1 => "security 1 with a proof of possession",
        _ => "security 2",
    };
}
