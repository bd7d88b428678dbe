using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>A consistent view of the device's state, for tests and status displays.</summary>
public sealed record DeviceSnapshot
{
    /// <summary>The provisioning manager state.</summary>
    public required ManagerState Manager { get; init; }

    /// <summary>The simulated Wi-Fi station.</summary>
    public required StationState Station { get; init; }

    /// <summary>The simulated Thread interface (Thread flavour).</summary>
    public required ThreadState Thread { get; init; }

    /// <summary>The current transport session id, or null when none is open.</summary>
    public required uint? SessionId { get; init; }

    /// <summary>True when the current session completed its handshake.</summary>
    public required bool SessionEstablished { get; init; }

    /// <summary>The security scheme.</summary>
    public required SecurityVersion Security { get; init; }

    /// <summary>The credentials of the last successful ApplyConfig since start or the last reset, or null when none were received.</summary>
    public required ReceivedCredentials? AppliedCredentials { get; init; }

    /// <summary>How many ApplyConfig (or ApplyThreadConfig) commands were accepted over the device's life.</summary>
    public required int AppliedCount { get; init; }

    /// <summary>Requests answered.</summary>
    public required int AnsweredRequests { get; init; }

    /// <summary>Requests refused.</summary>
    public required int FailedRequests { get; init; }

    /// <summary>True once provisioning stopped.</summary>
    public required bool IsStopped { get; init; }

    /// <summary>True when any network credentials were ever applied.</summary>
    public bool ReceivedCredentials => AppliedCount > 0;
}
