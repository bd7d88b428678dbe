using EspProv.Security;

namespace EspProv.Errors;

/// <summary>The client and the device speak different protocomm security schemes.</summary>
public sealed class SecuritySchemeMismatchException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SecuritySchemeMismatchException(SecurityVersion expected, SecurityVersion? actual, string? message = null)
        : base(message ?? (actual is { } a
            ? $"Security scheme mismatch: expected security {expected.Number}, the peer uses security {a.Number}."
            : $"Security scheme mismatch: the peer does not speak security {expected.Number}."))
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The scheme this side uses.</summary>
    public SecurityVersion Expected { get; }

    /// <summary>The scheme the peer announced, when known (possibly a number this library does not know).</summary>
    public SecurityVersion? Actual { get; }
}
