namespace EspProv.Simulator;

/// <summary>
/// One structured log record per request. <see cref="Detail"/> names the command and its result
/// (for example <c>SetConfig ssid="OracleNet" passphrase=(10 bytes) -&gt; Success</c>) and never carries
/// a passphrase, PoP, password, key or ciphertext.
/// </summary>
/// <param name="Timestamp">When the request finished.</param>
/// <param name="Endpoint">The endpoint name.</param>
/// <param name="SessionId">The transport session id the request came with (over HTTP, the cookie value: log it through <see cref="ToString(string)"/>).</param>
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
    public override string ToString() => ToString("session=" + SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The log line with <paramref name="session"/> naming the session (for example a tag that does not reveal a cookie).</summary>
    public string ToString(string session) => Outcome == RequestOutcome.Answered
        ? $"{Endpoint} {session}: {Detail}"
        : $"{Endpoint} {session}: FAILED ({FailureReason}) {Detail}";
}
