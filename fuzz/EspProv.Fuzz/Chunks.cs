namespace EspProv.Fuzz;

/// <summary>
/// Splits a fuzz input into messages: each is a length byte then that many bytes; a length of 255
/// means "the rest of the input". Bounded by the input's own length.
/// </summary>
public static class Chunks
{
    public static List<byte[]> Split(ReadOnlySpan<byte> data, int max = 32)
    {
        var chunks = new List<byte[]>();
        while (!data.IsEmpty && chunks.Count < max)
        {
            int length = data[0];
            data = data[1..];
            if (length == 255 || length > data.Length)
            {
                length = data.Length;
            }

            chunks.Add(data[..length].ToArray());
            data = data[length..];
        }

        return chunks;
    }

    /// <summary>The inverse of <see cref="Split"/>, for seeds (messages of 255 bytes or more must come last).</summary>
    public static byte[] Join(params byte[][] messages)
    {
        var output = new List<byte>();
        foreach (var message in messages)
        {
            output.Add(message.Length >= 255 ? (byte)255 : (byte)message.Length);
            output.AddRange(message);
        }

        return [.. output];
    }
}
