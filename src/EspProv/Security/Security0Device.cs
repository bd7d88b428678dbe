using EspProv.Protocol.Protocomm;

namespace EspProv.Security;

/// <summary>
/// Security 0, device side. Like ESP-IDF it only checks that the request decodes with sec_ver 0;
/// there is no session state, so encrypted endpoints work even without a handshake.
/// </summary>
public sealed class Security0Device : IDeviceSecurity
{
    /// <inheritdoc />
    public SecurityVersion Version => SecurityVersion.Sec0;

    /// <inheritdoc />
    public bool IsEstablished => true;

    /// <inheritdoc />
    public void ResetSession()
    {
    }

    /// <inheritdoc />
    public byte[] HandleSessionRequest(ReadOnlySpan<byte> request)
    {
        SessionDataCodec.Parse(request, SecurityVersion.Sec0);
        return SessionDataCodec.Wrap(new Sec0Payload
            {
                Msg = Sec0MsgType.S0SessionResponse,
                Sr = new S0SessionResp { Status = Status.Success },
            });
    }

    /// <inheritdoc />
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => plaintext.ToArray();

    /// <inheritdoc />
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) => ciphertext.ToArray();
}
