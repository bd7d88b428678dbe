using System.CommandLine;
using EspProv.Cli.Output;

namespace EspProv.Cli.Commands;

/// <summary>Builds the command tree: the provisioning command at the root (esp_prov's flags) and subcommands.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create(StandardStreams streams)
    {
        var options = new ProvisionOptions();
        var root = new RootCommand("esp-prov: provision ESP32 devices over softAP/HTTP, BLE or console (a drop-in successor of esp_prov).");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(DeviceCommand.Create(streams));
        root.Subcommands.Add(DiscoverCommand.Create(streams));
        root.Subcommands.Add(BatchCommand.Create(streams));
        HelpEpilogue.Attach(root);
        root.SetAction((parse, cancellationToken) => new ProvisionCommand(options, streams).RunAsync(parse, cancellationToken));
        return root;
    }
}
