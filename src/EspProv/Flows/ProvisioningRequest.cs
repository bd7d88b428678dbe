using EspProv.Security;

namespace EspProv.Flows;

/// <summary>Everything a provisioning run may be given; null means "ask, or decide from the device".</summary>
public sealed record ProvisioningRequest
{
    /// <summary>Security scheme; null selects it from the device's proto-ver (including security 2).</summary>
    public SecurityVersion? Security { get; init; }

    /// <summary>Expected protocol version (<c>--proto_ver</c>); null skips the check.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>
    /// Accept a session weaker than the credentials call for (security 0, or security 1 without a
    /// proof of possession). Off by default: given credentials are a floor the device cannot lower.
    /// </summary>
    public bool AllowUnauthenticated { get; init; }

    /// <summary>Security 1 proof of possession.</summary>
    public string? ProofOfPossession { get; init; }

    /// <summary>Security 2 username.</summary>
    public string? Sec2Username { get; init; }

    /// <summary>Security 2 password.</summary>
    public string? Sec2Password { get; init; }

    /// <summary>SSID bytes; null scans and lets the user pick.</summary>
    public byte[]? Ssid { get; init; }

    /// <summary>Passphrase; null asks for it.</summary>
    public string? Passphrase { get; init; }

    /// <summary>BSSID to pin in SetConfig.</summary>
    public byte[]? Bssid { get; init; }

    /// <summary>Channel to pin in SetConfig.</summary>
    public int Channel { get; init; }

    /// <summary>Text for the <c>custom-data</c> endpoint (<c>--custom_data</c>).</summary>
    public string? CustomData { get; init; }

    /// <summary>A custom endpoint to call instead of provisioning (<c>--endpoint</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary>The request body for <see cref="Endpoint"/>.</summary>
    public byte[]? EndpointData { get; init; }

    /// <summary>Send prov-ctrl reset and stop.</summary>
    public bool Reset { get; init; }

    /// <summary>Send prov-ctrl reprov and stop.</summary>
    public bool Reprovision { get; init; }

    /// <summary>Thread dataset TLVs (network_provisioning Thread devices).</summary>
    public byte[]? ThreadDataset { get; init; }

    /// <summary>How many times to ask for a new passphrase and retry after an authentication error.</summary>
    public int PassphraseRetries { get; init; }

    /// <summary>Status polling.</summary>
    public StatusPolling Polling { get; init; } = new();

    /// <summary>Random source for the security schemes (tests pin it).</summary>
    public Crypto.IRandomSource? Random { get; init; }
}
