namespace EspProv.Testing;

/// <summary>Lower-case hex, as the recordings and the CLI's <c>*_hex</c> fields write it.</summary>
public static class Hex
{
    /// <summary>Whitespace is ignored, so long vectors can be split for reading.</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
