namespace EspProv.Errors;

/// <summary>The device lacks a capability the requested operation needs (e.g. Wi-Fi scan).</summary>
public sealed class UnsupportedCapabilityException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public UnsupportedCapabilityException(string capability, string message)
        : base(message)
    {
        Capability = capability;
    }

    /// <summary>The missing capability name.</summary>
    public string Capability { get; }
}
