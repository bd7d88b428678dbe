using EspProv.Protocol.Protocomm;

namespace EspProv.Security;

/// <summary>Security 0, client side: one plaintext round trip, no encryption.</summary>
public sealed class Security0Client : IClientSecurity
{
    /// <inheritdoc />
    public SecurityVersion Version => SecurityVersion.Sec0;

    /// <inheritdoc />
    public bool ReusesNonce => false;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> SessionKey => ReadOnlyMemory<byte>.Empty;

    /// <inheritdoc />
    public bool IsEstablished { get; private set; }

    /// <inheritdoc />
    public byte[] Start() => SessionDataCodec.Wrap(new Sec0Payload { Sc = new S0SessionCmd() });

    /// <inheritdoc />
    public byte[]? Continue(ReadOnlySpan<byte> response)
    {
        // esp_prov only checks sec_ver; a device that answers at all accepted the scheme.
        if (SessionDataCodec.Parse(response, SecurityVersion.Sec0).Sec0 is null)
        {
            throw new Errors.MalformedMessageException("The security 0 response carries no sec0 payload.");
        }

        IsEstablished = true;
        return null;
    }

    /// <inheritdoc />
    public Exception ExplainRejection(int step, Exception transportError) =>
        new Errors.SecuritySchemeMismatchException(SecurityVersion.Sec0, null, "The device refused a security 0 session: it requires security 1 or 2.");

    /// <inheritdoc />
    public IClientSecurity NewSession() => new Security0Client();

    /// <inheritdoc />
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => plaintext.ToArray();

    /// <inheritdoc />
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) => ciphertext.ToArray();
}
