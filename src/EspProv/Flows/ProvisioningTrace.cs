namespace EspProv.Flows;

/// <summary>
/// One message on the wire, for <c>-v</c>. <see cref="Sensitive"/> marks plaintexts that hold secrets
/// (the Wi-Fi passphrase in SetConfig, a Thread network key), which a trace must redact unless asked.
/// </summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Outgoing">True for client to device.</param>
/// <param name="Wire">The bytes on the wire.</param>
/// <param name="Plaintext">The plaintext when the endpoint is encrypted.</param>
/// <param name="Sensitive">The plaintext contains a secret.</param>
/// <param name="NonceReused">
/// The session encrypts every message under one nonce (<see cref="Security.IClientSecurity.ReusesNonce"/>):
/// then any two wire messages give their plaintexts away, so all encrypted wire bytes are secret.
/// </param>
public sealed record ProvisioningTrace(string Endpoint, bool Outgoing, byte[] Wire, byte[]? Plaintext, bool Sensitive, bool NonceReused = false) : ProvisioningEvent
{
    /// <inheritdoc />
    public override string Message => $"{(Outgoing ? "->" : "<-")} {Endpoint} ({Wire.Length} bytes)";
}
