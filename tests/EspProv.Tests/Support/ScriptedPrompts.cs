using EspProv.Flows;
using EspProv.Model;

namespace EspProv.Tests.Support;

/// <summary>Answers prompts from a script (text answers in order) and records what was asked, by name.</summary>
internal sealed class ScriptedPrompts(int accessPointNumber = 1, params string[] answers) : IProvisioningPrompts
{
    private readonly Queue<string> _answers = new(answers);

    public List<string> Asked { get; } = [];

    /// <summary>The row picked from a Thread scan table, counted from 1 as the user types it.</summary>
    public int ThreadNetworkNumber { get; init; } = 1;

    public bool CanPrompt => true;

    public Task<string?> AskProofOfPossessionAsync(CancellationToken cancellationToken) => Answer("pop");

    public Task<string?> AskSec2UsernameAsync(CancellationToken cancellationToken) => Answer("sec2-username");

    public Task<string?> AskSec2PasswordAsync(CancellationToken cancellationToken) => Answer("sec2-password");

    public Task<string?> AskPassphraseAsync(byte[] ssid, bool retry, CancellationToken cancellationToken) =>
        Answer($"passphrase for {SsidCodec.ToText(ssid)}{(retry ? " (retry)" : string.Empty)}");

    public Task<string?> AskThreadNetworkKeyAsync(ThreadNetwork network, CancellationToken cancellationToken) => Answer($"thread-network-key for {network.NetworkName}");

    public Task<string?> AskThreadDatasetAsync(CancellationToken cancellationToken) => Answer("thread-dataset");

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

    private Task<string?> Answer(string question)
    {
        Asked.Add(question);
        return Task.FromResult(_answers.TryDequeue(out var value) ? value : null);
    }
}
