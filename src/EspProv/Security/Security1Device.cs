using System.Security.Cryptography;
using EspProv.Crypto;
using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Security;

/// <summary>
/// Security 1, device side, following ESP-IDF's security1.c: CMD0 → CMD1 → DONE, a repeated
/// Command0 restarts the handshake, a wrong client verify token (wrong PoP) is rejected and leaves
/// the state at CMD1.
/// </summary>
public sealed class Security1Device : IDeviceSecurity, IDisposable
{
    private readonly byte[] _proofOfPossession;
    private readonly IRandomSource _random;
    private State _state = State.Command0;
    private byte[]? _clientPublicKey;
    private byte[]? _devicePublicKey;
    private byte[]? _deviceRandom;
    private byte[]? _key;
    private AesCtrStream? _stream;

    /// <summary>Creates the device half.</summary>
    /// <param name="proofOfPossession">The PoP; empty for a device started without one (<c>no_pop</c>).</param>
    /// <param name="random">Random source for the device key pair and device_random.</param>
    public Security1Device(ReadOnlyMemory<byte> proofOfPossession, IRandomSource? random = null)
    {
        _proofOfPossession = proofOfPossession.ToArray();
        _random = random ?? SystemRandomSource.Instance;
    }

    private enum State
    {
        Command0,
        Command1,
        Done,
    }

    /// <inheritdoc />
    public SecurityVersion Version => SecurityVersion.Sec1;

    /// <inheritdoc />
    public bool IsEstablished => _state == State.Done;

    /// <inheritdoc />
    public void ResetSession()
    {
        _state = State.Command0;
        _stream?.Dispose();
        _stream = null;
        if (_key is not null)
        {
            CryptographicOperations.ZeroMemory(_key);
        }

        _key = _clientPublicKey = _devicePublicKey = _deviceRandom = null;
    }

    /// <inheritdoc />
    public byte[] HandleSessionRequest(ReadOnlySpan<byte> request)
    {
        var data = SessionDataCodec.Parse(request, SecurityVersion.Sec1);
        var payload = data.Sec1 ?? throw new MalformedMessageException("The security 1 request carries no sec1 payload.");
        return payload.Msg switch
        {
            Sec1MsgType.SessionCommand0 => OnCommand0(payload),
            Sec1MsgType.SessionCommand1 => OnCommand1(payload),
            _ => throw new MalformedMessageException($"Unexpected security 1 message type {payload.Msg}."),
        };
    }

    private byte[] OnCommand0(Sec1Payload payload)
    {
        if (payload.PayloadCase != Sec1Payload.PayloadOneofCase.Sc0)
        {
            throw new MalformedMessageException("SessionCommand0 without its sc0 payload.");
        }

        if (_state != State.Command0)
        {
            ResetSession();
        }

        if (payload.Sc0.ClientPubkey.Length != X25519KeyPair.KeyLength)
        {
            throw new MalformedMessageException($"The client public key is {payload.Sc0.ClientPubkey.Length} bytes, not 32.");
        }

        _clientPublicKey = payload.Sc0.ClientPubkey.ToByteArray();
        using var keyPair = new X25519KeyPair(_random);
        var shared = keyPair.Agree(_clientPublicKey)
            ?? throw new MalformedMessageException("The client public key is a low-order point.");
        _key = Security1Key.Derive(shared, _proofOfPossession);
        CryptographicOperations.ZeroMemory(shared);
        _devicePublicKey = keyPair.PublicKey;
        _deviceRandom = new byte[16];
        _random.Fill(_deviceRandom);
        _state = State.Command1;
        return SessionDataCodec.Wrap(new Sec1Payload
        {
            Msg = Sec1MsgType.SessionResponse0,
            Sr0 = new SessionResp0
            {
                Status = Status.Success,
                DevicePubkey = ByteString.CopyFrom(_devicePublicKey),
                DeviceRandom = ByteString.CopyFrom(_deviceRandom),
            },
        });
    }

    private byte[] OnCommand1(Sec1Payload payload)
    {
        if (_state != State.Command1)
        {
            throw new MalformedMessageException("SessionCommand1 arrived before SessionCommand0.");
        }

        if (payload.PayloadCase != Sec1Payload.PayloadOneofCase.Sc1)
        {
            throw new MalformedMessageException("SessionCommand1 without its sc1 payload.");
        }

        if (payload.Sc1.ClientVerifyData.Length != X25519KeyPair.KeyLength)
        {
            throw new MalformedMessageException($"The client verify token is {payload.Sc1.ClientVerifyData.Length} bytes, not 32.");
        }

        // ESP-IDF sets the CTR context up afresh on every Command1, so a retry starts at offset 0 again.
        _stream?.Dispose();
        _stream = new AesCtrStream(_key, _deviceRandom);
        var decrypted = _stream.Transform(payload.Sc1.ClientVerifyData.Span);
        if (!CryptographicOperations.FixedTimeEquals(decrypted, _devicePublicKey))
        {
            _stream.Dispose();
            _stream = null;
            throw new WrongProofOfPossessionException("Key mismatch: the client used a different proof of possession.");
        }

        var deviceVerify = _stream.Transform(_clientPublicKey);
        _state = State.Done;
        return SessionDataCodec.Wrap(new Sec1Payload
        {
            Msg = Sec1MsgType.SessionResponse1,
            Sr1 = new SessionResp1
            {
                Status = Status.Success,
                DeviceVerifyData = ByteString.CopyFrom(deviceVerify),
            },
        });
    }

    /// <inheritdoc />
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => RequireStream().Transform(plaintext);

    /// <inheritdoc />
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) => RequireStream().Transform(ciphertext);

    private AesCtrStream RequireStream() =>
        _state == State.Done ? _stream! : throw new DecryptionFailedException("Secure session not established.");

    /// <inheritdoc />
    public void Dispose() => ResetSession();
}
