using EspProv.Errors;

namespace EspProv.Robustness.Tests.Support;

/// <summary>The hostile replies of the matrix: each turns a genuine device reply into a bad one.</summary>
internal static class Mutation
{
    public static readonly IReadOnlyDictionary<string, Func<byte[], IReadOnlyList<byte[]>, byte[]>> All =
        new Dictionary<string, Func<byte[], IReadOnlyList<byte[]>, byte[]>>
        {
            ["empty"] = (_, _) => [],
            ["truncated-half"] = (r, _) => r[..(r.Length / 2)],
            ["truncated-last-byte"] = (r, _) => r.Length > 0 ? r[..^1] : r,
            ["oversized-append-64k"] = (r, _) => [.. r, .. Random(r.Length, 64 * 1024)],
            ["oversized-1m-ff"] = (_, _) => Enumerable.Repeat((byte)0xFF, 1 << 20).ToArray(),
            ["garbage-same-length"] = (r, _) => Random(r.Length, Math.Max(1, r.Length)),
            ["bit-flip-middle"] = (r, _) => FlipMiddle(r),
            ["replay-previous-reply"] = (r, earlier) => earlier.Count > 0 ? earlier[^1] : r[..0],
            ["protobuf-varint-overflow"] = (_, _) => [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
            ["protobuf-huge-length"] = (_, _) => [0x52, 0xFF, 0xFF, 0xFF, 0xFF, 0x07],
            ["link-drop"] = (_, _) => throw new TransportException(TransportFailure.ClosedWithoutResponse, "hostile: link dropped"),
        };

    private static byte[] Random(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipMiddle(byte[] reply)
    {
        if (reply.Length == 0)
        {
            return [0x00];
        }

        var copy = (byte[])reply.Clone();
        copy[copy.Length / 2] ^= 0x5A;
        return copy;
    }
}
