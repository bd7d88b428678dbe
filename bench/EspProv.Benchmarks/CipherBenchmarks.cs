using BenchmarkDotNet.Attributes;
using EspProv.Crypto;

namespace EspProv.Benchmarks;

/// <summary>
/// Record cipher throughput: security 1 AES-256-CTR, security 2 AES-256-GCM with the counter nonce
/// (patch 1, .NET AesGcm) and with the constant 16-byte nonce (patch 0, BouncyCastle).
/// Messages on the wire are 10 bytes to ~2 KiB; 64 KiB shows the asymptote.
/// </summary>
public class CipherBenchmarks
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private AesCtrStream _ctr = null!;
    private AesGcmRecordCipher _gcmCounter = null!;
    private AesGcmRecordCipher _gcmConstant = null!;
    private byte[] _message = [];

    [Params(64, 1024, 65536)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = new byte[Bytes];
        new Random(7).NextBytes(_message);
        _ctr = new AesCtrStream(Key, new byte[16]);
        _gcmCounter = new AesGcmRecordCipher(Key, [1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1]);
        _gcmConstant = new AesGcmRecordCipher(Key, new byte[16]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ctr.Dispose();
        _gcmCounter.Dispose();
        _gcmConstant.Dispose();
    }

    [Benchmark]
    public byte[] Sec1AesCtr() => _ctr.Transform(_message);

    [Benchmark]
    public byte[] Sec2AesGcmCounterNonce() => _gcmCounter.Encrypt(_message);

    [Benchmark]
    public byte[] Sec2AesGcmConstantNonce() => _gcmConstant.Encrypt(_message);
}
