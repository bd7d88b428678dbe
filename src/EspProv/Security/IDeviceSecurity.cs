namespace EspProv.Security;

/// <summary>
/// The device half of a protocomm security scheme. It holds exactly one session, as ESP-IDF does;
/// a new transport session calls <see cref="ResetSession"/>.
/// </summary>
public interface IDeviceSecurity : ISessionCipher
{
    /// <summary>The scheme.</summary>
    SecurityVersion Version { get; }

    /// <summary>True once the handshake completed; before that, encrypted endpoints are refused.</summary>
    bool IsEstablished { get; }

    /// <summary>Forgets the current session (keys, counters, handshake state).</summary>
    void ResetSession();

    /// <summary>
    /// Handles one prov-session request and returns the response. Throws a
    /// <see cref="Errors.SessionException"/> for anything ESP-IDF rejects; the host then closes the link.
    /// </summary>
    byte[] HandleSessionRequest(ReadOnlySpan<byte> request);
}
