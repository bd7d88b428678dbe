using EspProv.Flows;

namespace EspProv.Cli.Output;

/// <summary>Renders wire traces; plaintexts holding secrets are redacted unless --show-secrets.</summary>
internal static class TraceFormatter
{
    public const string Redacted = "<redacted: holds a secret, use --show-secrets>";
    public const string RedactedNonceReuse = "<redacted: this device reuses its nonce, so ciphertexts give plaintexts away; use --show-secrets>";

    public static string? Plaintext(ProvisioningTrace trace, bool showSecrets) =>
        trace.Plaintext is null ? null : trace.Sensitive && !showSecrets ? Redacted : Convert.ToHexStringLower(trace.Plaintext);

    /// <summary>
    /// The wire bytes as hex. Under security 0 the wire carries the plaintext itself, so a secret
    /// plaintext makes the wire bytes secret too; under a reused nonce every ciphertext is secret, since
    /// XOR-ing two of them (one with a known plaintext) recovers the other plaintext.
    /// </summary>
    public static string Wire(ProvisioningTrace trace, bool showSecrets) =>
        showSecrets ? Convert.ToHexStringLower(trace.Wire)
        : trace.NonceReused ? RedactedNonceReuse
        : trace.Sensitive && trace.Plaintext is { } plain && plain.AsSpan().SequenceEqual(trace.Wire) ? Redacted
        : Convert.ToHexStringLower(trace.Wire);
}
