namespace EspProv.Flows.Batch;

/// <summary>Something that happened to one device of a batch (<see cref="BatchProvisioner.Progress"/>).</summary>
public abstract record BatchEvent(BatchDevice Device)
{
}

/// <summary>An attempt on the device began (a fresh transport and session).</summary>
public sealed record BatchDeviceStarted(BatchDevice Device, int Attempt) : BatchEvent(Device);

/// <summary>A step of the device's provisioning, as <see cref="Provisioner.Progress"/> reports it.</summary>
public sealed record BatchDeviceProgress(BatchDevice Device, ProvisioningEvent Event) : BatchEvent(Device);

/// <summary>An attempt failed on the link; another one follows after <paramref name="Delay"/>.</summary>
public sealed record BatchDeviceRetrying(BatchDevice Device, int Attempt, Exception Error, TimeSpan Delay) : BatchEvent(Device);

/// <summary>The device is done (any <see cref="BatchDeviceStatus"/>).</summary>
public sealed record BatchDeviceFinished(BatchDeviceResult Result) : BatchEvent(Result.Device);
