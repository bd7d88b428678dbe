using System.Numerics;
using System.Security.Cryptography;
using EspProv.Crypto;
using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Security;

/// <summary>
/// Security 2, client side (spec section 5.3): SRP6a over the 3072-bit group with SHA-512, then
/// AES-256-GCM. A is always sent as exactly 384 bytes, and the device's proof H_AMK is verified
/// before the session counts as established.
/// </summary>
public sealed class Security2Client : IClientSecurity, IDisposable
{
    private readonly byte[] _username;
    private readonly byte[] _password;
    private readonly IRandomSource _random;
    private readonly int? _announcedSec2PatchLevel;
    private BigInteger _a;
    private byte[]? _publicA;
    private byte[]? _expectedDeviceProof;
    private AesGcmRecordCipher? _cipher;
    private State _state = State.Start;

    /// <summary>Creates the client half.</summary>
    /// <param name="username">SRP6a username (I).</param>
    /// <param name="password">SRP6a password (p).</param>
    /// <param name="random">Random source for the secret a.</param>
    /// <param name="announcedSec2PatchLevel">
    /// The device's <c>sec_patch_ver</c> when it announced one: the nonce it sends must agree with it.
    /// Without it the nonce's length decides (12 bytes: counter, 16 bytes: constant).
    /// </param>
    public Security2Client(ReadOnlyMemory<byte> username, ReadOnlyMemory<byte> password, IRandomSource? random = null, int? announcedSec2PatchLevel = null)
    {
        if (username.IsEmpty)
        {
            throw new ArgumentException("Security 2 needs a username.", nameof(username));
        }

        _username = username.ToArray();
        _password = password.ToArray();
        _random = random ?? SystemRandomSource.Instance;
        _announcedSec2PatchLevel = announcedSec2PatchLevel;
    }

    private enum State
    {
        Start,
        AwaitResponse0,
        AwaitResponse1,
        Established,
    }

    /// <inheritdoc />
    public SecurityVersion Version => SecurityVersion.Sec2;

    /// <inheritdoc />
    public bool IsEstablished => _state == State.Established;

    /// <summary>The session key K (64 bytes), for <c>--show-secrets</c> traces; null before Response0.</summary>
    public byte[]? SessionKey { get; private set; }

    /// <inheritdoc />
    ReadOnlyMemory<byte> IClientSecurity.SessionKey => SessionKey;

    /// <summary>0 for a constant nonce, 1 for the counter nonce; known once established.</summary>
    public int? Sec2PatchLevel => _cipher?.Sec2PatchLevel;

    /// <inheritdoc />
    public bool ReusesNonce => Sec2PatchLevel == 0;

    /// <inheritdoc />
    public IClientSecurity NewSession() => new Security2Client(_username, _password, _random, _announcedSec2PatchLevel);

    /// <inheritdoc />
    public byte[] Start()
    {
        if (_state != State.Start)
        {
            throw new InvalidOperationException("The handshake has already started.");
        }

        // The device demands exactly 384 bytes of A, so a secret whose A has a leading zero byte is
        // drawn again rather than padded (padding would change what the device hashes).
        Span<byte> secret = stackalloc byte[32];
        do
        {
            _random.Fill(secret);
            secret[0] |= 0x80;
            _a = Srp6aGroup.FromBytes(secret);
            _publicA = Srp6aGroup.Minimal(Srp6aGroup.ModPow(Srp6aGroup.G, _a, Srp6aGroup.SecretBits));
        }
        while (_publicA.Length != Srp6aGroup.Length);

        CryptographicOperations.ZeroMemory(secret);
        _state = State.AwaitResponse0;
        return SessionDataCodec.Wrap(new Sec2Payload
        {
            Msg = Sec2MsgType.S2SessionCommand0,
            Sc0 = new S2SessionCmd0
            {
                ClientUsername = ByteString.CopyFrom(_username),
                ClientPubkey = ByteString.CopyFrom(_publicA),
            },
        });
    }

    /// <inheritdoc />
    public byte[]? Continue(ReadOnlySpan<byte> response)
    {
        var payload = SessionDataCodec.Parse(response, SecurityVersion.Sec2).Sec2
            ?? throw new MalformedMessageException("The security 2 response carries no sec2 payload.");
        return _state switch
        {
            State.AwaitResponse0 => OnResponse0(payload),
            State.AwaitResponse1 => OnResponse1(payload),
            _ => throw new InvalidOperationException("No handshake response is expected now."),
        };
    }

    private byte[] OnResponse0(Sec2Payload payload)
    {
        var sr0 = payload.Sr0;
        if (payload.PayloadCase != Sec2Payload.PayloadOneofCase.Sr0 || sr0 is null)
        {
            throw new MalformedMessageException("Expected S2SessionResp0 from the device.");
        }

        if (sr0.Status != Status.Success)
        {
            throw new MalformedMessageException($"The device answered S2SessionCommand0 with status {sr0.Status}.");
        }

        var salt = sr0.DeviceSalt.ToByteArray();
        var publicB = sr0.DevicePubkey.ToByteArray();
        if (salt.Length == 0 || publicB.Length == 0 || Srp6aGroup.StripLeadingZeros(publicB).Length > Srp6aGroup.Length)
        {
            throw new MalformedMessageException($"S2SessionResp0 has a {salt.Length}-byte salt and a {publicB.Length}-byte B.");
        }

        var b = Srp6aGroup.FromBytes(publicB);
        if ((b % Srp6aGroup.N).IsZero)
        {
            throw new DeviceAuthenticationException("The device sent an invalid SRP public value (B mod N = 0).");
        }

        var u = Srp6aGroup.ComputeU(_publicA, publicB);
        if (u.IsZero)
        {
            throw new DeviceAuthenticationException("The SRP scrambling parameter u is zero.");
        }

        var x = Srp6aGroup.ComputeX(salt, _username, _password);
        var gx = Srp6aGroup.ModPow(Srp6aGroup.G, x, Srp6aGroup.HashBits);
        var baseValue = (b - (Srp6aGroup.K * gx % Srp6aGroup.N)) % Srp6aGroup.N;
        if (baseValue.Sign < 0)
        {
            baseValue += Srp6aGroup.N;
        }

        var s = Srp6aGroup.ModPow(baseValue, _a + (u * x), Srp6aGroup.ClientKeyExponentBits);
        SessionKey = SHA512.HashData(Srp6aGroup.Minimal(s));

        // The device hashes the salt and B exactly as it sent them; esp_prov re-encodes them minimally,
        // which is the same for every real device but breaks on a salt with a leading zero byte.
        var m = Srp6aGroup.ComputeM(_username, salt, _publicA, publicB, SessionKey);
        _expectedDeviceProof = Srp6aGroup.ComputeHamk(_publicA, m, SessionKey);
        _state = State.AwaitResponse1;
        return SessionDataCodec.Wrap(new Sec2Payload
        {
            Msg = Sec2MsgType.S2SessionCommand1,
            Sc1 = new S2SessionCmd1 { ClientProof = ByteString.CopyFrom(m) },
        });
    }

    private byte[]? OnResponse1(Sec2Payload payload)
    {
        var sr1 = payload.Sr1;
        if (payload.PayloadCase != Sec2Payload.PayloadOneofCase.Sr1 || sr1 is null)
        {
            throw new MalformedMessageException("Expected S2SessionResp1 from the device.");
        }

        if (!CryptographicOperations.FixedTimeEquals(sr1.DeviceProof.Span, _expectedDeviceProof))
        {
            throw new DeviceAuthenticationException("The device failed to prove the SRP session (H_AMK mismatch); no credentials were sent.");
        }

        var cipher = new AesGcmRecordCipher(SessionKey.AsSpan(0, 32), sr1.DeviceNonce.Span);
        if (_announcedSec2PatchLevel is { } announced && (announced == 0) != (cipher.Sec2PatchLevel == 0))
        {
            // A patch 1 device that sends a constant nonce would make us reuse it for every message.
            cipher.Dispose();
            throw new ProtocolException($"The device announced sec_patch_ver {announced} but sent a {sr1.DeviceNonce.Length}-byte nonce (patch 1 uses 12 bytes, patch 0 uses 16).");
        }

        _cipher = cipher;
        _state = State.Established;
        return null;
    }

    /// <inheritdoc />
    public Exception ExplainRejection(int step, Exception transportError) => step switch
    {
        1 => new SecuritySchemeMismatchException(SecurityVersion.Sec2, null, "The device dropped the link on the first security 2 handshake message: it uses another security scheme, or the link failed."),
        _ => new WrongSrpCredentialsException(innerException: transportError),
    };

    /// <inheritdoc />
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => RequireCipher().Encrypt(plaintext);

    /// <inheritdoc />
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) => RequireCipher().Decrypt(ciphertext);

    private AesGcmRecordCipher RequireCipher() =>
        _state == State.Established ? _cipher! : throw new InvalidOperationException("The secure session is not established.");

    /// <inheritdoc />
    public void Dispose()
    {
        _cipher?.Dispose();
        CryptographicOperations.ZeroMemory(_password);
        if (SessionKey is not null)
        {
            CryptographicOperations.ZeroMemory(SessionKey);
        }
    }
}
