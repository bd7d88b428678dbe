using EspProv.Security;

namespace EspProv.Flows.Batch;

/// <summary>The outcome of one device of a batch.</summary>
public sealed record BatchDeviceResult
{
    /// <summary>The device.</summary>
    public required BatchDevice Device { get; init; }

    /// <summary>How it ended.</summary>
    public required BatchDeviceStatus Status { get; init; }

    /// <summary>The provisioning result, for <see cref="BatchDeviceStatus.Succeeded"/>.</summary>
    public ProvisioningResult? Result { get; init; }

    /// <summary>What ended the last attempt, for <see cref="BatchDeviceStatus.Failed"/> and <see cref="BatchDeviceStatus.Cancelled"/>.</summary>
    public Exception? Error { get; init; }

    /// <summary>
    /// For <see cref="BatchDeviceStatus.Cancelled"/>: the handler exception that stopped the batch (a report or output
    /// that could not be written), or null when the caller cancelled. Never the device's own error.
    /// </summary>
    public Exception? StoppedBy { get; init; }

    /// <summary>
    /// The security scheme of the last attempt's session, once it was established (null if it never was): on a failed
    /// device it tells a wrong Wi-Fi password behind a proven session from a device that never got that far.
    /// </summary>
    public SecurityVersion? Security { get; init; }

    /// <summary>When the first attempt started (for devices never contacted: when that was decided).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the device was done.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Attempts made (0 for devices never contacted).</summary>
    public required int Attempts { get; init; }
}
