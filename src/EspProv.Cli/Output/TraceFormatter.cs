using EspProv.Flows;

namespace EspProv.Cli.Output;

/// <summary>Renders wire traces; plaintexts holding secrets are redacted unless --show-secrets.</summary>
internal static class TraceFormatter
{
    public const string Redacted = "<redacted: holds a secret, use --show-secrets>";

    public static string? Plaintext(ProvisioningTrace trace, bool showSecrets) =>
        trace.Plaintext is null ? null : trace.Sensitive && !showSecrets ? Redacted : Convert.ToHexStringLower(trace.Plaintext);
}
