namespace EspProv.Errors;

/// <summary>The device did not reach a final state within the configured time.</summary>
public sealed class ProvisioningTimeoutException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningTimeoutException(string message)
        : base(message)
    {
    }
}
