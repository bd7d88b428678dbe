using EspProv.Protocol.Protocomm;

namespace EspProv.Errors;

/// <summary>The device answered a command with a non-success protocomm <see cref="Status"/>.</summary>
public sealed class DeviceStatusException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public DeviceStatusException(string operation, Status status)
        : base($"The device rejected {operation}: status {status}.")
    {
        Operation = operation;
        Status = status;
    }

    /// <summary>What was asked, e.g. "SetConfig".</summary>
    public string Operation { get; }

    /// <summary>The status the device returned.</summary>
    public Status Status { get; }
}
