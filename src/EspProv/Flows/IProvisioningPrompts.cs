using EspProv.Model;

namespace EspProv.Flows;

/// <summary>
/// What a provisioning run may ask the user. Every method returns null when it may not ask (non-interactive
/// use); the run then fails with <see cref="Errors.MissingInputException"/> instead of blocking.
/// </summary>
public interface IProvisioningPrompts
{
    /// <summary>Asks for plain text (e.g. the SRP username).</summary>
    Task<string?> AskAsync(string prompt, CancellationToken cancellationToken);

    /// <summary>Asks for a secret without echo (PoP, SRP password, passphrase).</summary>
    Task<string?> AskSecretAsync(string prompt, CancellationToken cancellationToken);

    /// <summary>Lets the user pick an access point; returns null to scan again.</summary>
    Task<WifiAccessPoint?> ChooseAccessPointAsync(IReadOnlyList<WifiAccessPoint> accessPoints, CancellationToken cancellationToken);

    /// <summary>Lets the user pick a Thread network; returns null to scan again.</summary>
    Task<ThreadNetwork?> ChooseThreadNetworkAsync(IReadOnlyList<ThreadNetwork> networks, CancellationToken cancellationToken);
}

/// <summary>Prompts for unattended runs: never asks, so missing input is an error.</summary>
public sealed class NoPrompts : IProvisioningPrompts
{
    /// <summary>The shared instance.</summary>
    public static NoPrompts Instance { get; } = new();

    /// <inheritdoc />
    public Task<string?> AskAsync(string prompt, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    public Task<string?> AskSecretAsync(string prompt, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    public Task<WifiAccessPoint?> ChooseAccessPointAsync(IReadOnlyList<WifiAccessPoint> accessPoints, CancellationToken cancellationToken) => Task.FromResult<WifiAccessPoint?>(null);

    /// <inheritdoc />
    public Task<ThreadNetwork?> ChooseThreadNetworkAsync(IReadOnlyList<ThreadNetwork> networks, CancellationToken cancellationToken) => Task.FromResult<ThreadNetwork?>(null);
}
