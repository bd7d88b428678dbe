namespace EspProv.Crypto;

/// <summary>
/// Hands out a fixed sequence of bytes, in order. Meant for known-answer tests and for replaying
/// recorded sessions; it throws once the sequence is used up rather than repeating it.
/// </summary>
public sealed class FixedRandomSource : IRandomSource
{
    private readonly byte[] _bytes;
    private int _position;

    /// <summary>Creates a source that returns the concatenation of <paramref name="chunks"/>.</summary>
    public FixedRandomSource(params byte[][] chunks)
    {
        _bytes = chunks.SelectMany(c => c).ToArray();
    }

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        if (_position + destination.Length > _bytes.Length)
        {
            throw new InvalidOperationException("The fixed random sequence is used up.");
        }

        _bytes.AsSpan(_position, destination.Length).CopyTo(destination);
        _position += destination.Length;
    }
}
