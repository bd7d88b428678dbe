using EspProv.Model;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Flows;

/// <summary>What every operation of <see cref="Provisioner"/> learned on the way: the device and the session's scheme.</summary>
public abstract record OperationResult
{
    private protected OperationResult()
    {
    }

    /// <summary>The device's proto-ver information.</summary>
    public required DeviceInfo Device { get; init; }

    /// <summary>The security scheme of the session.</summary>
    public required SecurityVersion Security { get; init; }
}

/// <summary>A provisioned network: Wi-Fi (<see cref="Wifi"/>) or Thread (<see cref="Thread"/>).</summary>
public sealed record ProvisioningResult : OperationResult
{
    /// <summary>Set when Wi-Fi provisioning finished.</summary>
    public WifiConnection? Wifi { get; init; }

    /// <summary>Set when Thread provisioning finished.</summary>
    public ThreadAttachment? Thread { get; init; }

    /// <summary>The custom-data endpoint's answer, when custom data was sent.</summary>
    public byte[]? CustomDataResponse { get; init; }
}

/// <summary>A prov-ctrl command done.</summary>
public sealed record ControlResult : OperationResult
{
    /// <summary>Which command.</summary>
    public required ControlCommand Command { get; init; }
}

/// <summary>A custom endpoint's answer.</summary>
public sealed record EndpointResult : OperationResult
{
    /// <summary>The endpoint called.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The decrypted answer.</summary>
    public required byte[] Response { get; init; }
}

/// <summary>A scan's results: access points from a Wi-Fi device, networks from a Thread device.</summary>
public sealed record ScanResult : OperationResult
{
    /// <summary>The access points (Wi-Fi devices).</summary>
    public IReadOnlyList<WifiAccessPoint> AccessPoints { get; init; } = [];

    /// <summary>The Thread networks (Thread devices).</summary>
    public IReadOnlyList<ThreadNetwork> ThreadNetworks { get; init; } = [];
}
