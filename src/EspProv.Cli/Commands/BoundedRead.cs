using EspProv.Cli.Output;

namespace EspProv.Cli.Commands;

/// <summary>Reads input files with a size cap: a path can name a device or a FIFO (<c>/dev/zero</c>) whose length says nothing.</summary>
internal static class BoundedRead
{
    public static byte[] File(string path, int maxBytes, string option)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return Stream(stream, maxBytes, option);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot read {option}: {ex.Message}");
        }
    }

    public static byte[] Stream(Stream stream, int maxBytes, string option)
    {
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return length <= maxBytes
            ? buffer.AsSpan(0, length).ToArray()
            : throw new UsageException($"{option}: more than {maxBytes} bytes.");
    }
}
