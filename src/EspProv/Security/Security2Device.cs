using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using EspProv.Crypto;
using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Security;

/// <summary>
/// Security 2, device side, following ESP-IDF's security2.c: the device stores only a salt and a
/// verifier, demands a 384-byte A, sends B minimal, rejects A ≡ 0 (mod N), and answers a correct
/// client proof with H_AMK and the GCM nonce of its patch level.
/// </summary>
public sealed class Security2Device : IDeviceSecurity, IDisposable
{
    private readonly byte[] _salt;
    private readonly BigInteger _verifier;
    private readonly int _sec2PatchLevel;
    private readonly IRandomSource _random;
    private State _state = State.Command0;
    private byte[]? _publicA;
    private byte[]? _expectedClientProof;
    private byte[]? _sessionKey;
    private AesGcmRecordCipher? _cipher;

    /// <summary>Creates the device half.</summary>
    /// <param name="salt">The stored salt, hashed exactly as given.</param>
    /// <param name="verifier">The stored verifier v = g^x mod N, big-endian.</param>
    /// <param name="sec2PatchLevel">1 (counter nonce, current firmware) or 0 (constant 16-byte nonce).</param>
    /// <param name="random">Random source for b and the nonce.</param>
    public Security2Device(ReadOnlyMemory<byte> salt, ReadOnlyMemory<byte> verifier, int sec2PatchLevel = 1, IRandomSource? random = null)
    {
        if (salt.IsEmpty || verifier.IsEmpty)
        {
            throw new ArgumentException("Security 2 needs a salt and a verifier.");
        }

        if (sec2PatchLevel is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sec2PatchLevel), "The security 2 patch level is 0 or 1.");
        }

        _salt = salt.ToArray();
        _verifier = Srp6aGroup.FromBytes(verifier.Span);
        _sec2PatchLevel = sec2PatchLevel;
        _random = random ?? SystemRandomSource.Instance;
    }

    private enum State
    {
        Command0,
        Command1,
        Done,
    }

    /// <inheritdoc />
    public SecurityVersion Version => SecurityVersion.Sec2;

    /// <inheritdoc />
    public bool IsEstablished => _state == State.Done;

    /// <summary>The username the client presented in the current session (for logs).</summary>
    public string? ClientUsername { get; private set; }

    /// <inheritdoc />
    public void ResetSession()
    {
        _state = State.Command0;
        _cipher?.Dispose();
        _cipher = null;
        if (_sessionKey is not null)
        {
            CryptographicOperations.ZeroMemory(_sessionKey);
        }

        _sessionKey = _publicA = _expectedClientProof = null;
        ClientUsername = null;
    }

    /// <inheritdoc />
    public byte[] HandleSessionRequest(ReadOnlySpan<byte> request)
    {
        var data = SessionDataCodec.Parse(request, SecurityVersion.Sec2);
        var payload = data.Sec2 ?? throw new MalformedMessageException("The security 2 request carries no sec2 payload.");
        return payload.Msg switch
        {
            Sec2MsgType.S2SessionCommand0 => OnCommand0(payload),
            Sec2MsgType.S2SessionCommand1 => OnCommand1(payload),
            _ => throw new MalformedMessageException($"Unexpected security 2 message type {payload.Msg}."),
        };
    }

    private byte[] OnCommand0(Sec2Payload payload)
    {
        if (payload.PayloadCase != Sec2Payload.PayloadOneofCase.Sc0)
        {
            throw new MalformedMessageException("S2SessionCommand0 without its sc0 payload.");
        }

        if (_state != State.Command0)
        {
            ResetSession();
        }

        var sc0 = payload.Sc0;
        if (sc0.ClientPubkey.Length != Srp6aGroup.Length)
        {
            throw new MalformedMessageException($"The client public key A is {sc0.ClientPubkey.Length} bytes; the device requires exactly 384.");
        }

        if (sc0.ClientUsername.Length is 0 or > ushort.MaxValue)
        {
            throw new MalformedMessageException($"The client username is {sc0.ClientUsername.Length} bytes; it must be 1 to 65535.");
        }

        Span<byte> secret = stackalloc byte[32];
        _random.Fill(secret);
        var b = Srp6aGroup.FromBytes(secret);
        CryptographicOperations.ZeroMemory(secret);
        var publicBValue = ((Srp6aGroup.K * _verifier) + Srp6aGroup.ModPow(Srp6aGroup.G, b, Srp6aGroup.SecretBits)) % Srp6aGroup.N;
        var publicB = Srp6aGroup.Minimal(publicBValue);

        _publicA = sc0.ClientPubkey.ToByteArray();
        var a = Srp6aGroup.FromBytes(_publicA);
        if ((a % Srp6aGroup.N).IsZero)
        {
            throw new MalformedMessageException("The client public key A is 0 mod N.");
        }

        var u = Srp6aGroup.ComputeU(_publicA, publicB);
        if (u.IsZero)
        {
            throw new MalformedMessageException("The SRP scrambling parameter u is zero.");
        }

        var s = Srp6aGroup.ModPow(a * Srp6aGroup.ModPow(_verifier, u, Srp6aGroup.HashBits) % Srp6aGroup.N, b, Srp6aGroup.SecretBits);
        _sessionKey = SHA512.HashData(Srp6aGroup.Minimal(s));
        var username = sc0.ClientUsername.ToByteArray();
        _expectedClientProof = Srp6aGroup.ComputeM(username, _salt, _publicA, publicB, _sessionKey);
        ClientUsername = System.Text.Encoding.UTF8.GetString(username);
        _state = State.Command1;
        return SessionDataCodec.Wrap(new Sec2Payload
        {
            Msg = Sec2MsgType.S2SessionResponse0,
            Sr0 = new S2SessionResp0
            {
                Status = Status.Success,
                DevicePubkey = ByteString.CopyFrom(publicB),
                DeviceSalt = ByteString.CopyFrom(_salt),
            },
        });
    }

    private byte[] OnCommand1(Sec2Payload payload)
    {
        if (_state != State.Command1)
        {
            throw new MalformedMessageException("S2SessionCommand1 arrived before S2SessionCommand0.");
        }

        if (payload.PayloadCase != Sec2Payload.PayloadOneofCase.Sc1)
        {
            throw new MalformedMessageException("S2SessionCommand1 without its sc1 payload.");
        }

        var proof = payload.Sc1.ClientProof.Span;
        if (proof.Length != Srp6aGroup.HashLength)
        {
            throw new MalformedMessageException($"The client proof is {proof.Length} bytes, not 64.");
        }

        if (!CryptographicOperations.FixedTimeEquals(proof, _expectedClientProof))
        {
            throw new WrongSrpCredentialsException("Failed to authenticate client proof: wrong username or password.");
        }

        var deviceProof = Srp6aGroup.ComputeHamk(_publicA, proof, _sessionKey);
        byte[] nonce;
        if (_sec2PatchLevel == 1)
        {
            nonce = new byte[AesGcmRecordCipher.CountedNonceLength];
            _random.Fill(nonce.AsSpan(0, 8));
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), 1);
        }
        else
        {
            nonce = new byte[AesGcmRecordCipher.ConstantNonceLength];
            _random.Fill(nonce);
        }

        _cipher = new AesGcmRecordCipher(_sessionKey.AsSpan(0, 32), nonce);
        _state = State.Done;
        return SessionDataCodec.Wrap(new Sec2Payload
        {
            Msg = Sec2MsgType.S2SessionResponse1,
            Sr1 = new S2SessionResp1
            {
                Status = Status.Success,
                DeviceProof = ByteString.CopyFrom(deviceProof),
                DeviceNonce = ByteString.CopyFrom(nonce),
            },
        });
    }

    /// <inheritdoc />
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => RequireCipher().Encrypt(plaintext);

    /// <inheritdoc />
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) => RequireCipher().Decrypt(ciphertext);

    private AesGcmRecordCipher RequireCipher() =>
        _state == State.Done ? _cipher! : throw new DecryptionFailedException("Secure session not established.");

    /// <inheritdoc />
    public void Dispose() => ResetSession();
}
