using EspProv.Crypto;

namespace EspProv.Benchmarks;

/// <summary>The same bytes on every run, so precomputed peer messages stay valid; a fresh instance per handshake.</summary>
internal sealed class DeterministicRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void Fill(Span<byte> destination) => _random.NextBytes(destination);
}
