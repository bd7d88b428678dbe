namespace EspProv.Simulator.Tests.Support;

internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
