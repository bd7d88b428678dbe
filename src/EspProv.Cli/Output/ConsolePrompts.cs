using EspProv.Flows;
using EspProv.Model;
using Spectre.Console;

namespace EspProv.Cli.Output;

/// <summary>Interactive prompts on a terminal, as esp_prov asks them (AP table, 0 rescans, hidden secrets).</summary>
internal sealed class ConsolePrompts(IAnsiConsole console) : IProvisioningPrompts
{
    public Task<string?> AskAsync(string prompt, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(console.Prompt(new TextPrompt<string>(Markup.Escape(TerminalText.Safe(prompt))).AllowEmpty()));

    public Task<string?> AskSecretAsync(string prompt, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(console.Prompt(new TextPrompt<string>(Markup.Escape(TerminalText.Safe(prompt))).Secret().AllowEmpty()));

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
