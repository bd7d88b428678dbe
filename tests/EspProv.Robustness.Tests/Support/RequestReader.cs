using System.Globalization;
using System.Text;

namespace EspProv.Robustness.Tests.Support;

/// <summary>Reads HTTP/1.1 requests with a Content-Length body off a stream, bounded in size.</summary>
internal sealed class RequestReader(Stream stream)
{
    private const int MaxHead = 16 * 1024;
    private const int MaxBody = 64 * 1024;
    private readonly byte[] _one = new byte[1];

    public sealed record Request(string Endpoint, string? Cookie, byte[] Body);

    /// <summary>The next request, or null when the client closed or sent something unusable.</summary>
    public async Task<Request?> ReadAsync(CancellationToken ct)
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (head.Length > MaxHead || await stream.ReadAsync(_one, ct) == 0)
            {
                return null;
            }

            head.Append((char)_one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var start = lines[0].Split(' ');
        if (start.Length < 2 || !start[1].StartsWith('/'))
        {
            return null;
        }

        string? cookie = null;
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                cookie = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > MaxBody))
            {
                return null;
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        return new Request(start[1][1..], cookie, body);
    }
}
