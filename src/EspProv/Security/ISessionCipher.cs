namespace EspProv.Security;

/// <summary>
/// The record layer of an established protocomm session: what wraps every request and response on
/// the encrypted endpoints (prov-config, prov-scan, prov-ctrl, custom ones).
/// </summary>
public interface ISessionCipher
{
    /// <summary>Encrypts an outgoing message.</summary>
    byte[] Encrypt(ReadOnlySpan<byte> plaintext);

    /// <summary>Decrypts an incoming message; throws <see cref="Errors.DecryptionFailedException"/> when it does not authenticate.</summary>
    byte[] Decrypt(ReadOnlySpan<byte> ciphertext);
}
