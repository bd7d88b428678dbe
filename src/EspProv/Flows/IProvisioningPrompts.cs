using EspProv.Model;

namespace EspProv.Flows;

/// <summary>
/// What an operation may ask the user, one method per need; the caller words the questions. Each
/// returns null when nothing was given. Where <see cref="CanPrompt"/> is false nothing is asked and
/// missing input fails at once with a <see cref="Errors.MissingInputException"/>.
/// </summary>
public interface IProvisioningPrompts
{
    /// <summary>Whether anyone can answer; false for unattended runs.</summary>
    bool CanPrompt { get; }

    /// <summary>Asks for the security 1 proof of possession (a secret).</summary>
    Task<string?> AskProofOfPossessionAsync(CancellationToken cancellationToken);

    /// <summary>Asks for the security 2 username.</summary>
    Task<string?> AskSec2UsernameAsync(CancellationToken cancellationToken);

    /// <summary>Asks for the security 2 password (a secret).</summary>
    Task<string?> AskSec2PasswordAsync(CancellationToken cancellationToken);

    /// <summary>Asks for the Wi-Fi passphrase of <paramref name="ssid"/> (a secret); <paramref name="retry"/> after the device rejected one.</summary>
    Task<string?> AskPassphraseAsync(byte[] ssid, bool retry, CancellationToken cancellationToken);

    /// <summary>Lets the user pick an access point; null scans again.</summary>
    Task<WifiAccessPoint?> ChooseAccessPointAsync(IReadOnlyList<WifiAccessPoint> accessPoints, CancellationToken cancellationToken);

    /// <summary>Lets the user pick a Thread network; null scans again.</summary>
    Task<ThreadNetwork?> ChooseThreadNetworkAsync(IReadOnlyList<ThreadNetwork> networks, CancellationToken cancellationToken);

    /// <summary>Asks for the network key (hex) of <paramref name="network"/> (a secret).</summary>
    Task<string?> AskThreadNetworkKeyAsync(ThreadNetwork network, CancellationToken cancellationToken);

    /// <summary>Asks for a whole Thread dataset (hex), for devices that cannot scan.</summary>
    Task<string?> AskThreadDatasetAsync(CancellationToken cancellationToken);
}

/// <summary>Prompts for unattended runs: never asks, so missing input is an error.</summary>
public sealed class NoPrompts : IProvisioningPrompts
{
    /// <summary>The shared instance.</summary>
    public static NoPrompts Instance { get; } = new();

    /// <inheritdoc />
    public bool CanPrompt => false;

    /// <inheritdoc />
    public Task<string?> AskProofOfPossessionAsync(CancellationToken cancellationToken) => Nothing<string>();

    /// <inheritdoc />
    public Task<string?> AskSec2UsernameAsync(CancellationToken cancellationToken) => Nothing<string>();

    /// <inheritdoc />
    public Task<string?> AskSec2PasswordAsync(CancellationToken cancellationToken) => Nothing<string>();

    /// <inheritdoc />
    public Task<string?> AskPassphraseAsync(byte[] ssid, bool retry, CancellationToken cancellationToken) => Nothing<string>();

    /// <inheritdoc />
    public Task<WifiAccessPoint?> ChooseAccessPointAsync(IReadOnlyList<WifiAccessPoint> accessPoints, CancellationToken cancellationToken) => Nothing<WifiAccessPoint>();

    /// <inheritdoc />
    public Task<ThreadNetwork?> ChooseThreadNetworkAsync(IReadOnlyList<ThreadNetwork> networks, CancellationToken cancellationToken) => Nothing<ThreadNetwork>();

    /// <inheritdoc />
    public Task<string?> AskThreadNetworkKeyAsync(ThreadNetwork network, CancellationToken cancellationToken) => Nothing<string>();

    /// <inheritdoc />
    public Task<string?> AskThreadDatasetAsync(CancellationToken cancellationToken) => Nothing<string>();

    private static Task<T?> Nothing<T>()
        where T : class => Task.FromResult<T?>(null);
}
