namespace EspProv.Flows.Batch;

/// <summary>One device of a batch: what to send it, and how it shares the link with the others.</summary>
public sealed record BatchDevice
{
    /// <summary>The device's label, unique within the batch (reports and resumes go by it).</summary>
    public required string Name { get; init; }

    /// <summary>Where the device is (an address or a BLE name), for reports; the transport factory decides what it means.</summary>
    public string? ServiceName { get; init; }

    /// <summary>The secure session to open.</summary>
    public required SessionRequest Session { get; init; }

    /// <summary>The network to provision; everything a prompt would ask must be given, since a batch asks nothing.</summary>
    public required ProvisioningRequest Request { get; init; }

    /// <summary>
    /// Devices with the same group (e.g. one Bluetooth adapter) run at most <see cref="BatchOptions.GroupConcurrency"/>
    /// at a time, within the batch's own limit; null: only the batch's limit applies.
    /// </summary>
    public string? ConcurrencyGroup { get; init; }
}
