namespace EspProv.Flows;

/// <summary>Where a <see cref="ProvisioningClient"/>'s secure session stands.</summary>
public enum SessionState
{
    /// <summary>No session (none yet, or a handshake under way or failed): only proto-ver and prov-session may be used.</summary>
    None,

    /// <summary>The device proved the session and both ciphers are in step: encrypted requests may be sent.</summary>
    Established,

    /// <summary>
    /// An encrypted request failed after it may have reached the device (a lost reply, a reply that
    /// would not decrypt or decode): the device's cipher may have moved on without ours, and sending
    /// again would reuse a GCM nonce (security 2) or CTR keystream bytes (security 1). Nothing is
    /// encrypted under this session again; <see cref="ProvisioningClient.RenewSessionAsync"/> replaces it.
    /// </summary>
    Broken,
}
