using EspProv.Crypto;

namespace EspProv.Fuzz;

/// <summary>Deterministic "randomness" for the security halves: a byte counter, so every run of a target is reproducible.</summary>
public sealed class CountingRandom : IRandomSource
{
    private byte _next = 0x41;

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _next;
            _next = (byte)(_next * 5 + 1);
        }
    }
}
