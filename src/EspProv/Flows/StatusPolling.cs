namespace EspProv.Flows;

/// <summary>How the client polls GetStatus after ApplyConfig.</summary>
public sealed record StatusPolling
{
    /// <summary>
    /// First wait before a poll (esp_prov waits 5 s every time). Short, so that a device that is already
    /// connected is reported at once; the back-off keeps a slow connection from being polled hard.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The wait grows by this factor after each Connecting answer.</summary>
    public double Backoff { get; init; } = 1.5;

    /// <summary>Upper bound of the wait between polls.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait for a final state in all.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Link failures tolerated in a row (the softAP may drop while the device switches channel).</summary>
    public int TransportRetries { get; init; } = 3;
}
