namespace EspProv.Flows;

/// <summary>What a successful run achieved.</summary>
public sealed record ProvisioningResult
{
    /// <summary>The device's proto-ver information.</summary>
    public required Protocol.DeviceInfo Device { get; init; }

    /// <summary>The security scheme used.</summary>
    public required Security.SecurityVersion Security { get; init; }

    /// <summary>Set when Wi-Fi provisioning finished.</summary>
    public WifiConnection? Wifi { get; init; }

    /// <summary>Set when Thread provisioning finished.</summary>
    public ThreadAttachment? Thread { get; init; }

    /// <summary>The answer of the custom-data or custom endpoint call, when one was made.</summary>
    public byte[]? EndpointResponse { get; init; }

    /// <summary>"reset" or "reprov" when a prov-ctrl command was the job.</summary>
    public string? Control { get; init; }
}
