namespace EspProv.Flows.Batch;

/// <summary>How <see cref="BatchProvisioner"/> runs a batch.</summary>
public sealed record BatchOptions
{
    /// <summary>Devices provisioned at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Devices of one <see cref="BatchDevice.ConcurrencyGroup"/> provisioned at once.</summary>
    public int GroupConcurrency { get; init; } = 2;

    /// <summary>Further attempts after a transport failure, each with a fresh transport and session; other failures are final.</summary>
    public int Retries { get; init; }

    /// <summary>The pause before a further attempt (multiplied by the attempt number), so that a device that just dropped the link can come back.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Names of devices already provisioned (e.g. from an earlier run's report): reported as skipped, never contacted.</summary>
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();

    /// <summary>The clock for start and end times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
