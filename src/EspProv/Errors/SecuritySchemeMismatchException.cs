namespace EspProv.Errors;

/// <summary>The client and the device speak different protocomm security schemes.</summary>
public sealed class SecuritySchemeMismatchException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SecuritySchemeMismatchException(int expected, int? actual, string? message = null)
        : base(message ?? (actual is { } a
            ? $"Security scheme mismatch: expected security {expected}, the peer uses security {a}."
            : $"Security scheme mismatch: the peer does not speak security {expected}."))
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The scheme this side uses.</summary>
    public int Expected { get; }

    /// <summary>The scheme the peer announced, when known.</summary>
    public int? Actual { get; }
}
