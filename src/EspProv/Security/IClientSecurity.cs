namespace EspProv.Security;

/// <summary>
/// The client half of a protocomm security scheme, as a step function over the prov-session
/// handshake: <see cref="Start"/> gives the first request, each device response gives the next
/// request, or <c>null</c> once the device has proven the session.
/// </summary>
public interface IClientSecurity : ISessionCipher
{
    /// <summary>The scheme.</summary>
    SecurityVersion Version { get; }

    /// <summary>True once the device has proven the session; only then may credentials be sent.</summary>
    bool IsEstablished { get; }

    /// <summary>
    /// True when every message is encrypted under the same nonce (security 2 patch 0, ESP-IDF v5.0 to
    /// v5.4.0): any two ciphertexts then XOR to their two plaintexts, so the wire bytes are as secret as
    /// the plaintexts they carry.
    /// </summary>
    bool ReusesNonce { get; }

    /// <summary>The derived session key, for traces the user explicitly asks secrets in; empty before the key exchange and for security 0.</summary>
    ReadOnlyMemory<byte> SessionKey { get; }

    /// <summary>The first prov-session request.</summary>
    byte[] Start();

    /// <summary>
    /// Processes a prov-session response. Returns the next request, or <c>null</c> when the session
    /// is established. Throws a <see cref="Errors.SessionException"/> when the response is not acceptable.
    /// </summary>
    byte[]? Continue(ReadOnlySpan<byte> response);

    /// <summary>
    /// Turns a link failure on handshake step <paramref name="step"/> (1-based) into the session error
    /// it means: ESP-IDF closes the link when the client's proof is wrong.
    /// </summary>
    Exception ExplainRejection(int step, Exception transportError);

    /// <summary>
    /// A new, unstarted handshake with the same credentials and random source, for replacing a session
    /// whose cipher may be out of step with the device's: it yields fresh keys, so nothing is ever
    /// encrypted twice under one nonce or keystream position.
    /// </summary>
    IClientSecurity NewSession();
}
