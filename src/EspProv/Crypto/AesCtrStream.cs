using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>
/// AES-256-CTR as protocomm security 1 uses it: one keystream, advanced byte by byte, shared by
/// both directions. The 16-byte counter block is incremented as a 128-bit big-endian integer.
/// .NET has no CTR mode, so the keystream is AES-ECB over a batch of counter blocks.
/// </summary>
internal sealed class AesCtrStream : IDisposable
{
    private const int BlockSize = 16;
    private const int BatchBlocks = 64;

    private readonly Aes _aes;
    private readonly byte[] _counter = new byte[BlockSize];
    private readonly byte[] _counterBatch = new byte[BlockSize * BatchBlocks];
    private readonly byte[] _keystream = new byte[BlockSize * BatchBlocks];
    private int _keystreamOffset;
    private int _keystreamLength;

    public AesCtrStream(ReadOnlySpan<byte> key, ReadOnlySpan<byte> initialCounter)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("AES-256 needs a 32-byte key.", nameof(key));
        }

        if (initialCounter.Length != BlockSize)
        {
            throw new ArgumentException("The counter block is 16 bytes.", nameof(initialCounter));
        }

        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        initialCounter.CopyTo(_counter);
    }

    /// <summary>Number of keystream bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>XORs <paramref name="input"/> with the next keystream bytes (encrypt and decrypt are the same).</summary>
    public byte[] Transform(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        var done = 0;
        while (done < input.Length)
        {
            if (_keystreamOffset == _keystreamLength)
            {
                Refill(input.Length - done);
            }

            var take = Math.Min(_keystreamLength - _keystreamOffset, input.Length - done);
            for (var i = 0; i < take; i++)
            {
                output[done + i] = (byte)(input[done + i] ^ _keystream[_keystreamOffset + i]);
            }

            _keystreamOffset += take;
            done += take;
        }

        Position += input.Length;
        return output;
    }

    private void Refill(int bytesWanted)
    {
        var blocks = Math.Clamp((bytesWanted + BlockSize - 1) / BlockSize, 1, BatchBlocks);
        for (var b = 0; b < blocks; b++)
        {
            _counter.CopyTo(_counterBatch, b * BlockSize);
            IncrementCounter();
        }

        var length = blocks * BlockSize;
        _aes.EncryptEcb(_counterBatch.AsSpan(0, length), _keystream.AsSpan(0, length), PaddingMode.None);
        _keystreamOffset = 0;
        _keystreamLength = length;
    }

    private void IncrementCounter()
    {
        for (var i = BlockSize - 1; i >= 0; i--)
        {
            if (++_counter[i] != 0)
            {
                break;
            }
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_keystream);
        _aes.Dispose();
    }
}
