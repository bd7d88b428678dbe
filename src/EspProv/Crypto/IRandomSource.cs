using System.Security.Cryptography;

namespace EspProv.Crypto;

/// <summary>
/// Where the security schemes take their random bytes from. Production code uses
/// <see cref="SystemRandomSource"/>; tests pin the values to replay recorded sessions byte for byte.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}

/// <summary>The operating system's cryptographic random number generator.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    /// <summary>The shared instance; it is stateless and thread-safe.</summary>
    public static SystemRandomSource Instance { get; } = new();

    private SystemRandomSource()
    {
    }

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
