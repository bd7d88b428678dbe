using System.Globalization;

namespace EspProv.Transport.Http;

/// <summary>
/// The <c>--service_name</c> of the HTTP transports: <c>host[:port]</c>, with IPv6 literals in brackets
/// (<c>[::1]:8080</c>) or bare (<c>fe80::1</c>, then port 80). Defaults to the softAP address 192.168.4.1:80.
/// </summary>
public sealed record HttpServiceAddress(string Host, int Port)
{
    /// <summary>The address of a device in softAP mode.</summary>
    public static HttpServiceAddress Default { get; } = new("192.168.4.1", 80);

    /// <summary>Parses <c>host[:port]</c>.</summary>
    public static HttpServiceAddress Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        text = text.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["http://".Length..].TrimEnd('/');
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{text}' has an unclosed IPv6 bracket.");
            }

            var host = text[1..close];
            var rest = text[(close + 1)..];
            return new HttpServiceAddress(host, rest.Length == 0 ? 80 : ParsePort(rest.TrimStart(':'), text));
        }

        var colons = text.Count(c => c == ':');
        if (colons == 1)
        {
            var i = text.IndexOf(':', StringComparison.Ordinal);
            return new HttpServiceAddress(text[..i], ParsePort(text[(i + 1)..], text));
        }

        // No colon: a host name or IPv4 address; several: a bare IPv6 literal.
        return new HttpServiceAddress(text, 80);
    }

    private static int ParsePort(string port, string text) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
            ? value
            : throw new FormatException($"'{text}' has an invalid port.");

    /// <summary>The Host header value.</summary>
    public string HostHeader => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : Port == 80 ? Host : $"{Host}:{Port}";

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
