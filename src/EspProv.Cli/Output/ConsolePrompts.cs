using EspProv.Flows;
using EspProv.Model;
using Spectre.Console;

namespace EspProv.Cli.Output;

/// <summary>Interactive prompts on a terminal, worded as esp_prov asks them (AP table, 0 rescans, hidden secrets).</summary>
internal sealed class ConsolePrompts(IAnsiConsole console) : IProvisioningPrompts
{
    public bool CanPrompt => true;

    public Task<string?> AskProofOfPossessionAsync(CancellationToken cancellationToken) => AskSecretAsync("Proof of Possession required: ");

    public Task<string?> AskSec2UsernameAsync(CancellationToken cancellationToken) => AskAsync("Security Scheme 2 - SRP6a Username required: ");

    public Task<string?> AskSec2PasswordAsync(CancellationToken cancellationToken) => AskSecretAsync("Security Scheme 2 - SRP6a Password required: ");

    public Task<string?> AskPassphraseAsync(byte[] ssid, bool retry, CancellationToken cancellationToken) => AskSecretAsync($"Enter passphrase for {SsidCodec.ToText(ssid)} : ");

    public Task<string?> AskThreadNetworkKeyAsync(ThreadNetwork network, CancellationToken cancellationToken) => AskSecretAsync("Enter Thread network key string : ");

    public Task<string?> AskThreadDatasetAsync(CancellationToken cancellationToken) => AskAsync("Enter Thread dataset tlvs string : ");

    /// <summary>The password of the device's own AP, which a softAP QR code cannot carry.</summary>
    public Task<string?> AskSoftApPasswordAsync(string ssid) => AskSecretAsync($"Password of {ssid} (the device's softAP key) : ");

    /// <summary>A yes/no question; no unless the user types y.</summary>
    public Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken) =>
        Task.FromResult(console.Prompt(new ConfirmationPrompt(Markup.Escape(TerminalText.Safe(question))) { DefaultValue = false }));

    public Task<WifiAccessPoint?> ChooseAccessPointAsync(IReadOnlyList<WifiAccessPoint> accessPoints, CancellationToken cancellationToken)
    {
        console.Write(ScanTable.ForWifi(accessPoints));
        var choice = AskNumber("Select AP by number (0 to rescan) : ", accessPoints.Count);
        return Task.FromResult(choice == 0 ? null : accessPoints[choice - 1]);
    }

    public Task<ThreadNetwork?> ChooseThreadNetworkAsync(IReadOnlyList<ThreadNetwork> networks, CancellationToken cancellationToken)
    {
        console.Write(ScanTable.ForThread(networks));
        var choice = AskNumber("Select Network by number (0 to rescan) : ", networks.Count);
        return Task.FromResult(choice == 0 ? null : networks[choice - 1]);
    }

    private Task<string?> AskAsync(string prompt) =>
        Task.FromResult<string?>(console.Prompt(new TextPrompt<string>(Markup.Escape(TerminalText.Safe(prompt))).AllowEmpty()));

    private Task<string?> AskSecretAsync(string prompt) =>
        Task.FromResult<string?>(console.Prompt(new TextPrompt<string>(Markup.Escape(TerminalText.Safe(prompt))).Secret().AllowEmpty()));

    private int AskNumber(string prompt, int max)
    {
        while (true)
        {
            var text = console.Prompt(new TextPrompt<string>(Markup.Escape(TerminalText.Safe(prompt))).AllowEmpty());
            if (int.TryParse(text, out var value) && value >= 0 && value <= max)
            {
                return value;
            }

            console.MarkupLine("Invalid input! Retry");
        }
    }
}
