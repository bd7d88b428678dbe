namespace EspProv.Flows.Batch;

/// <summary>How one device of a batch ended.</summary>
public enum BatchDeviceStatus
{
    /// <summary>Provisioned: the device joined the network.</summary>
    Succeeded,

    /// <summary>Failed for good: a final failure, or transport failures beyond the retries.</summary>
    Failed,

    /// <summary>The batch was cancelled while this device was in flight.</summary>
    Cancelled,

    /// <summary>Not contacted: it was provisioned before (<see cref="BatchOptions.Skip"/>).</summary>
    Skipped,

    /// <summary>Not contacted: the batch was cancelled before its turn.</summary>
    NotStarted,
}
