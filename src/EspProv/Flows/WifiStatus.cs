using EspProv.Protocol.WifiProv;

namespace EspProv.Flows;

/// <summary>One answer to GetStatus.</summary>
/// <param name="State">The station state.</param>
/// <param name="FailReason">Set when the state is a failure.</param>
/// <param name="AttemptsRemaining">Set while connection attempts fail but some remain (IDF 5.4.1+).</param>
/// <param name="Connection">Set when connected.</param>
public sealed record WifiStatus(WifiStationState State, WifiConnectFailedReason? FailReason, uint? AttemptsRemaining, WifiConnection? Connection);
