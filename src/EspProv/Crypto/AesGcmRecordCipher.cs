using System.Buffers.Binary;
using System.Security.Cryptography;
using EspProv.Errors;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace EspProv.Crypto;

/// <summary>
/// The security 2 record layer: AES-256-GCM with key K[0:32], no AAD, 16-byte tag appended.
/// Patch level 1 uses a 12-byte nonce (8-byte session id + big-endian counter starting at 1) that both
/// sides advance after every successful encrypt and decrypt, in both directions; a replayed or
/// reordered message therefore fails authentication. Patch level 0 reuses one 16-byte nonce for
/// every message (what older firmware does); .NET's AesGcm only takes 12-byte nonces, so that case
/// goes through BouncyCastle.
/// </summary>
internal sealed class AesGcmRecordCipher : IDisposable
{
    public const int TagLength = 16;
    public const int CountedNonceLength = 12;
    public const int ConstantNonceLength = 16;

    private readonly byte[] _key;
    private readonly byte[] _nonce;
    private readonly AesGcm? _aesGcm;
    private uint _counter;

    public AesGcmRecordCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> deviceNonce)
    {
        _key = key.ToArray();
        _nonce = deviceNonce.ToArray();
        switch (deviceNonce.Length)
        {
            case CountedNonceLength:
                _counter = BinaryPrimitives.ReadUInt32BigEndian(deviceNonce[8..]);
                _aesGcm = new AesGcm(_key, TagLength);
                break;
            case ConstantNonceLength:
                break;
            default:
                throw new MalformedMessageException($"The device nonce is {deviceNonce.Length} bytes; security 2 uses 12 (patch 1) or 16 (patch 0).");
        }
    }

    /// <summary>1 when the nonce carries a counter, 0 for the constant 16-byte nonce.</summary>
    public int Sec2PatchLevel => _aesGcm is null ? 0 : 1;

    /// <summary>The counter the next operation will use (patch level 1).</summary>
    public uint Counter => _counter;

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[plaintext.Length + TagLength];
        if (_aesGcm is null)
        {
            RunConstantNonce(forEncryption: true, plaintext, output);
            return output;
        }

        var nonce = NextNonce();
        _aesGcm.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length));
        _counter++;
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < TagLength)
        {
            throw new DecryptionFailedException($"The encrypted message is {ciphertext.Length} bytes, shorter than the 16-byte GCM tag.");
        }

        var output = new byte[ciphertext.Length - TagLength];
        if (_aesGcm is null)
        {
            RunConstantNonce(forEncryption: false, ciphertext, output);
            return output;
        }

        var nonce = NextNonce();
        try
        {
            _aesGcm.Decrypt(nonce, ciphertext[..^TagLength], ciphertext[^TagLength..], output);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new DecryptionFailedException("The message failed AES-GCM authentication (tampered, replayed or out of order).", ex);
        }

        _counter++;
        return output;
    }

    private byte[] NextNonce()
    {
        if (_counter == 0)
        {
            throw new DecryptionFailedException("The security 2 nonce counter is exhausted; start a new session.");
        }

        var nonce = (byte[])_nonce.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), _counter);
        return nonce;
    }

    private void RunConstantNonce(bool forEncryption, ReadOnlySpan<byte> input, byte[] output)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(_key), TagLength * 8, _nonce));
        var inputArray = input.ToArray();
        try
        {
            var written = gcm.ProcessBytes(inputArray, 0, inputArray.Length, output, 0);
            gcm.DoFinal(output, written);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException ex)
        {
            throw new DecryptionFailedException("The message failed AES-GCM authentication (tampered or corrupted).", ex);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _aesGcm?.Dispose();
    }
}
