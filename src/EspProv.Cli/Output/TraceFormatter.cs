using EspProv.Flows;

namespace EspProv.Cli.Output;

/// <summary>Renders wire traces; plaintexts holding secrets are redacted unless --show-secrets.</summary>
internal static class TraceFormatter
{
    public const string Redacted = "<redacted: holds a secret, use --show-secrets>";

    public static string? Plaintext(ProvisioningTrace trace, bool showSecrets) =>
        trace.Plaintext is null ? null : trace.Sensitive && !showSecrets ? Redacted : Convert.ToHexStringLower(trace.Plaintext);

    /// <summary>
    /// The wire bytes as hex. Under security 0 the wire carries the plaintext itself, so a secret
    /// plaintext makes the wire bytes secret too.
    /// </summary>
    public static string Wire(ProvisioningTrace trace, bool showSecrets) =>
        trace.Sensitive && !showSecrets && trace.Plaintext is { } plain && plain.AsSpan().SequenceEqual(trace.Wire)
            ? Redacted
            : Convert.ToHexStringLower(trace.Wire);
}
