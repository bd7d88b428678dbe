namespace EspProv.Simulator;

/// <summary>The simulated station as the manager tracks it (internal ESP-IDF order, not the wire enum).</summary>
public enum StationState
{
    /// <summary>Connecting, and the initial value before any ApplyConfig (wire: Connecting).</summary>
    Connecting,

    /// <summary>Got an IP (wire: Connected with <c>connected{…}</c>).</summary>
    Connected,

    /// <summary>Final failure (wire: ConnectionFailed with <c>fail_reason</c>).</summary>
    Disconnected,

    /// <summary>An attempt failed and more remain (wire: Connecting with <c>attempt_failed{…}</c>).</summary>
    AttemptFailed,
}
