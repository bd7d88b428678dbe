using EspProv.Security;

namespace EspProv.Flows;

/// <summary>
/// What opening a secure session may be given: the scheme and its credentials. Null means "decide from
/// the device" (scheme) or "ask through the prompts" (credentials). Given credentials are a floor: the
/// device's unauthenticated proto-ver announcement may raise the scheme above them, never lower it.
/// </summary>
public sealed record SessionRequest
{
    /// <summary>Security scheme; null selects it from the device's proto-ver (including security 2).</summary>
    public SecurityVersion? Security { get; init; }

    /// <summary>Required protocol version (e.g. <c>v1.1</c>); null skips the check.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>
    /// Accept a session weaker than the credentials call for (security 0, or security 1 without a
    /// proof of possession). Off by default.
    /// </summary>
    public bool AllowUnauthenticated { get; init; }

    /// <summary>Security 1 proof of possession.</summary>
    public string? ProofOfPossession { get; init; }

    /// <summary>Security 2 username.</summary>
    public string? Sec2Username { get; init; }

    /// <summary>Security 2 password.</summary>
    public string? Sec2Password { get; init; }

    /// <summary>Random source for the security schemes (tests pin it).</summary>
    public Crypto.IRandomSource? Random { get; init; }

    // Records print every property; the secrets must never reach a log that prints a request.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Security = {Security}, ProtocolVersion = {ProtocolVersion}, AllowUnauthenticated = {AllowUnauthenticated}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"ProofOfPossession = {(ProofOfPossession is null ? "null" : "<redacted>")}, Sec2Username = {Sec2Username}, Sec2Password = {(Sec2Password is null ? "null" : "<redacted>")}");
        return true;
    }
}
