using EspProv.Flows;
using EspProv.Model;

namespace EspProv.Tests.Support;

/// <summary>Answers prompts from a script and records what was asked.</summary>
internal sealed class ScriptedPrompts(int accessPointNumber = 1, params string[] secrets) : IProvisioningPrompts
{
    private readonly Queue<string> _secrets = new(secrets);

    public List<string> Asked { get; } = [];

    /// <summary>The row picked from a Thread scan table, counted from 1 as the user types it.</summary>
    public int ThreadNetworkNumber { get; init; } = 1;

    public Task<string?> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        Asked.Add(prompt);
        return Task.FromResult(_secrets.TryDequeue(out var value) ? value : null);
    }

    public Task<string?> AskSecretAsync(string prompt, CancellationToken cancellationToken) => AskAsync(prompt, cancellationToken);

    public Task<WifiAccessPoint?> ChooseAccessPointAsync(IReadOnlyList<WifiAccessPoint> accessPoints, CancellationToken cancellationToken)
    {
        Asked.Add("choose-ap");
        return Task.FromResult<WifiAccessPoint?>(accessPoints[accessPointNumber - 1]);
    }

    public Task<ThreadNetwork?> ChooseThreadNetworkAsync(IReadOnlyList<ThreadNetwork> networks, CancellationToken cancellationToken)
    {
        Asked.Add("choose-thread-network");
        return Task.FromResult<ThreadNetwork?>(networks[ThreadNetworkNumber - 1]);
    }
}
