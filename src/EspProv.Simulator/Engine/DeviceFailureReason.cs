namespace EspProv.Simulator;

/// <summary>Why the device refused a request (ESP-IDF returns an error and the transport sends nothing).</summary>
public enum DeviceFailureReason
{
    /// <summary>No endpoint of that name is registered.</summary>
    UnknownEndpoint,

    /// <summary>Provisioning has stopped; all endpoints are gone.</summary>
    ProvisioningStopped,

    /// <summary>The request's session id is not the current transport session.</summary>
    SessionMismatch,

    /// <summary>The handshake message was malformed, out of order or for another scheme.</summary>
    HandshakeRejected,

    /// <summary>The client's proof was wrong (security 1 PoP, security 2 username/password).</summary>
    WrongCredentials,

    /// <summary>An encrypted endpoint was used before the handshake completed.</summary>
    SessionNotEstablished,

    /// <summary>The request did not decrypt (security 2 tag mismatch).</summary>
    DecryptionFailed,

    /// <summary>The (decrypted) request is not a valid protobuf for the endpoint, or lacks a mandatory payload.</summary>
    MalformedRequest,

    /// <summary>The <c>msg</c> value is not in the endpoint's command table.</summary>
    UnknownCommand,

    /// <summary>A request the handler rejects outright, such as a scan page beyond MAX_ENTRIES.</summary>
    InvalidRequest,

    /// <summary>A custom endpoint handler threw.</summary>
    CustomHandlerFailed,

    /// <summary>The device dropped the link on purpose (<see cref="DeviceOptions.DropLinkOnApply"/>).</summary>
    LinkDropped,
}
