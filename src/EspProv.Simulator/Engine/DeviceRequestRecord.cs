namespace EspProv.Simulator;

/// <summary>
/// One structured log record per request. <see cref="Detail"/> names the command and its result
/// (for example <c>SetConfig ssid="OracleNet" passphrase=(10 bytes) -&gt; Success</c>) and never carries
/// a passphrase, PoP, password, key or ciphertext.
/// </summary>
/// <param name="Timestamp">When the request finished.</param>
/// <param name="Endpoint">The endpoint name.</param>
/// <param name="SessionId">The transport session id the request came with.</param>
/// <param name="Outcome">Answered or failed.</param>
/// <param name="Detail">A short redacted description.</param>
/// <param name="FailureReason">Set when <paramref name="Outcome"/> is <see cref="RequestOutcome.Failed"/>.</param>
public sealed record DeviceRequestRecord(
    DateTimeOffset Timestamp,
    string Endpoint,
    uint SessionId,
    RequestOutcome Outcome,
    string Detail,
    DeviceFailureReason? FailureReason)
{
    /// <inheritdoc />
    public override string ToString() => Outcome == RequestOutcome.Answered
        ? $"{Endpoint} session={SessionId}: {Detail}"
        : $"{Endpoint} session={SessionId}: FAILED ({FailureReason}) {Detail}";
}
