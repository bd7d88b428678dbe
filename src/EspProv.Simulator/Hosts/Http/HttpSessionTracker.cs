using System.Globalization;
using System.Security.Cryptography;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>
/// protocomm_httpd.c's session rules (spec section 6.1): one cookie session and the socket that
/// created it; a matching <c>Cookie: session=&lt;id&gt;</c> or, without a cookie, the creating socket
/// continues the session; anything else starts a new one and closes the old.
/// </summary>
internal sealed class HttpSessionTracker
{
    // httpd copies the Cookie value into a 20-byte buffer; a longer value fails the lookup and counts as absent.
    private const int MaxCookieLength = 19;

    private uint? _cookieSession;
    private string? _socketSession;

    /// <summary>Decides which session a request belongs to; <c>IsNew</c> means the caller must open it and send Set-Cookie.</summary>
    public (uint SessionId, bool IsNew) Resolve(string? cookie, string connectionId)
    {
        if (cookie is { Length: <= MaxCookieLength })
        {
            if (_cookieSession is { } current && string.Equals(cookie, CookieValue(current), StringComparison.Ordinal))
            {
                // From now on only the cookie identifies the session.
                _socketSession = null;
                return (current, false);
            }
        }
        else if (_cookieSession is { } current && _socketSession == connectionId)
        {
            return (current, false);
        }

        var id = NewSessionId();
        _cookieSession = id;
        _socketSession = connectionId;
        return (id, true);
    }

    /// <summary>A closed socket only loses the socket binding; the cookie session survives a reconnect.</summary>
    public void OnConnectionClosed(string connectionId)
    {
        if (_socketSession == connectionId)
        {
            _socketSession = null;
        }
    }

    public static string CookieValue(uint sessionId) => "session=" + sessionId.ToString(CultureInfo.InvariantCulture);

    // A plain hash of a 32-bit id could be inverted by trying all 2^32 values; a key that never leaves the process cannot.
    private static readonly byte[] LogTagKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>A name for the session in logs that does not reveal the cookie: <c>#</c> and 8 hex digits of HMAC-SHA256(process key, id).</summary>
    public static string LogTag(uint sessionId)
    {
        Span<byte> id = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(id, sessionId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(LogTagKey, id, mac);
        return "#" + Convert.ToHexStringLower(mac[..4]);
    }

    private static uint NewSessionId()
    {
        uint id;
        do
        {
            id = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        }
        while (id == uint.MaxValue); // 0xFFFFFFFF is protocomm_httpd's "no session" marker.

        return id;
    }
}
