using System.Security.Cryptography;
using EspProv.Crypto;
using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Security;

/// <summary>
/// Security 1, client side (spec section 5.2): X25519, the PoP mixed into the key, one AES-256-CTR
/// stream for both directions starting at the device's random. The session counts as established only
/// after the device's verify token proves it derived the same key.
/// </summary>
public sealed class Security1Client : IClientSecurity, IDisposable
{
    private readonly byte[] _proofOfPossession;
    private readonly X25519KeyPair _keyPair;
    private readonly IRandomSource? _random;
    private AesCtrStream? _stream;
    private State _state = State.Start;

    /// <summary>Creates the client half.</summary>
    /// <param name="proofOfPossession">The PoP bytes; empty when the device has none (<c>no_pop</c>).</param>
    /// <param name="random">Random source for the X25519 private key.</param>
    public Security1Client(ReadOnlyMemory<byte> proofOfPossession, IRandomSource? random = null)
    {
        _proofOfPossession = proofOfPossession.ToArray();
        _random = random;
        _keyPair = new X25519KeyPair(random ?? SystemRandomSource.Instance);
    }

    private enum State
    {
        Start,
        AwaitResponse0,
        AwaitResponse1,
        Established,
    }

    /// <inheritdoc />
    public SecurityVersion Version => SecurityVersion.Sec1;

    /// <inheritdoc />
    public bool ReusesNonce => false;

    /// <inheritdoc />
    public bool IsEstablished => _state == State.Established;

    /// <summary>The client's X25519 public key.</summary>
    public ReadOnlySpan<byte> ClientPublicKey => _keyPair.PublicKey;

    /// <summary>The derived AES-256 key, for <c>--show-secrets</c> traces; null before Response0.</summary>
    public byte[]? SessionKey { get; private set; }

    /// <inheritdoc />
    ReadOnlyMemory<byte> IClientSecurity.SessionKey => SessionKey;

    /// <inheritdoc />
    public IClientSecurity NewSession() => new Security1Client(_proofOfPossession, _random);

    /// <inheritdoc />
    public byte[] Start()
    {
        if (_state != State.Start)
        {
            throw new InvalidOperationException("The handshake has already started.");
        }

        _state = State.AwaitResponse0;
        return SessionDataCodec.Wrap(new Sec1Payload
        {
            Msg = Sec1MsgType.SessionCommand0,
            Sc0 = new SessionCmd0 { ClientPubkey = ByteString.CopyFrom(_keyPair.PublicKey) },
        });
    }

    /// <inheritdoc />
    public byte[]? Continue(ReadOnlySpan<byte> response)
    {
        var payload = SessionDataCodec.Parse(response, SecurityVersion.Sec1).Sec1
            ?? throw new MalformedMessageException("The security 1 response carries no sec1 payload.");
        return _state switch
        {
            State.AwaitResponse0 => OnResponse0(payload),
            State.AwaitResponse1 => OnResponse1(payload),
            _ => throw new InvalidOperationException("No handshake response is expected now."),
        };
    }

    private byte[] OnResponse0(Sec1Payload payload)
    {
        var sr0 = payload.Sr0;
        if (payload.PayloadCase != Sec1Payload.PayloadOneofCase.Sr0 || sr0 is null)
        {
            throw new MalformedMessageException("Expected SessionResp0 from the device.");
        }

        if (sr0.Status != Status.Success)
        {
            throw new MalformedMessageException($"The device answered SessionCommand0 with status {sr0.Status}.");
        }

        if (sr0.DevicePubkey.Length != X25519KeyPair.KeyLength || sr0.DeviceRandom.Length != 16)
        {
            throw new MalformedMessageException($"SessionResp0 has a {sr0.DevicePubkey.Length}-byte public key and a {sr0.DeviceRandom.Length}-byte random; expected 32 and 16.");
        }

        var devicePublicKey = sr0.DevicePubkey.ToByteArray();
        var shared = _keyPair.Agree(devicePublicKey)
            ?? throw new DeviceAuthenticationException("The device sent an invalid X25519 public key.");
        SessionKey = Security1Key.Derive(shared, _proofOfPossession);
        CryptographicOperations.ZeroMemory(shared);
        _stream = new AesCtrStream(SessionKey, sr0.DeviceRandom.Span);
        var clientVerify = _stream.Transform(devicePublicKey);
        _state = State.AwaitResponse1;
        return SessionDataCodec.Wrap(new Sec1Payload
        {
            Msg = Sec1MsgType.SessionCommand1,
            Sc1 = new SessionCmd1 { ClientVerifyData = ByteString.CopyFrom(clientVerify) },
        });
    }

    private byte[]? OnResponse1(Sec1Payload payload)
    {
        var sr1 = payload.Sr1;
        if (payload.PayloadCase != Sec1Payload.PayloadOneofCase.Sr1 || sr1 is null)
        {
            throw new MalformedMessageException("Expected SessionResp1 from the device.");
        }

        if (sr1.DeviceVerifyData.Length != X25519KeyPair.KeyLength)
        {
            throw new DeviceAuthenticationException($"The device verify token is {sr1.DeviceVerifyData.Length} bytes, not 32.");
        }

        var decrypted = _stream!.Transform(sr1.DeviceVerifyData.Span);
        if (!CryptographicOperations.FixedTimeEquals(decrypted, _keyPair.PublicKey))
        {
            throw new DeviceAuthenticationException("The device failed to verify the session (its verify token is wrong); no credentials were sent.");
        }

        _state = State.Established;
        return null;
    }

    /// <inheritdoc />
    public Exception ExplainRejection(int step, Exception transportError) => step switch
    {
        1 => new SecuritySchemeMismatchException(SecurityVersion.Sec1, null, "The device dropped the link on the first security 1 handshake message: it uses another security scheme, or the link failed."),
        _ => new WrongProofOfPossessionException(innerException: transportError),
    };

    /// <inheritdoc />
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => RequireStream().Transform(plaintext);

    /// <inheritdoc />
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) => RequireStream().Transform(ciphertext);

    private AesCtrStream RequireStream() =>
        _state == State.Established ? _stream! : throw new InvalidOperationException("The secure session is not established.");

    /// <inheritdoc />
    public void Dispose()
    {
        _keyPair.Dispose();
        _stream?.Dispose();
        if (SessionKey is not null)
        {
            CryptographicOperations.ZeroMemory(SessionKey);
        }
    }
}
