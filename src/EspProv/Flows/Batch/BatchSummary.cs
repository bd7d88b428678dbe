namespace EspProv.Flows.Batch;

/// <summary>The outcome of a batch: one result per device, in the order given.</summary>
public sealed record BatchSummary(IReadOnlyList<BatchDeviceResult> Results, TimeSpan Duration)
{
    /// <summary>How many devices ended with <paramref name="status"/>.</summary>
    public int Count(BatchDeviceStatus status) => Results.Count(r => r.Status == status);

    /// <summary>True when no device failed, was cancelled or was left out.</summary>
    public bool AllSucceeded => Results.All(r => r.Status is BatchDeviceStatus.Succeeded or BatchDeviceStatus.Skipped);
}
