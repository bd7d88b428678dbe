using System.CommandLine;
using EspProv.Cli.Output;
using EspProv.Model;
using EspProv.Transport.Ble;
using EspProv.Wifi.NetworkManager;

namespace EspProv.Cli.Commands;

/// <summary><c>esp-prov discover</c>: lists provisioning devices advertising over BLE.</summary>
internal static class DiscoverCommand
{
    public static Command Create(StandardStreams streams)
    {
        var prefix = new Option<string>("--prefix") { Description = "Name prefix to match (empty: every device)", DefaultValueFactory = _ => ExampleFirmware.ServiceNamePrefix };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to scan", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "One JSON object per device" };
        var adapter = new Option<string>("--ble-adapter", "--ble_adapter") { Description = "Bluetooth adapter", DefaultValueFactory = _ => "hci0" };
        var softAp = new Option<bool>("--softap") { Description = "List provisioning access points (softAP) through NetworkManager instead" };
        var wifiInterface = new Option<string?>("--wifi-interface") { Description = "With --softap: the Wi-Fi interface that scans" };
        var command = new Command("discover", "List ESP provisioning devices advertising over Bluetooth LE (name, address, RSSI, service), or with --softap their access points.") { prefix, timeout, json, adapter, softAp, wifiInterface };
        command.SetAction((parse, cancellationToken) =>
        {
            IReporter reporter = parse.GetValue(json)
                ? new JsonReporter(streams.Out, verbose: false, showSecrets: false)
                : new HumanReporter(streams.Out, streams.Error, verbose: false, showSecrets: false, showScans: false);
            return CommandOutcome.RunAsync(
                async () =>
                {
                    var seconds = parse.GetValue(timeout);
                    if (seconds is <= 0 or > 300)
                    {
                        throw new UsageException("--timeout takes 0 to 300 seconds.");
                    }

                    if (parse.GetValue(softAp))
                    {
                        reporter.AccessPoints(await SoftApDiscovery.ScanAsync(
                            new SoftApScanRequest { Prefix = parse.GetValue(prefix) ?? string.Empty, Interface = parse.GetValue(wifiInterface), ScanTimeout = TimeSpan.FromSeconds(seconds) },
                            cancellationToken).ConfigureAwait(false));
                        return ExitCodes.Success;
                    }

                    var devices = await BleScanner.DiscoverAsync(
                        BleCentrals.ForThisMachine(parse.GetValue(adapter)!),
                        new BleDeviceFilter { NamePrefix = parse.GetValue(prefix) is { Length: > 0 } p ? p : null },
                        TimeSpan.FromSeconds(seconds),
                        cancellationToken).ConfigureAwait(false);
                    reporter.Devices(devices);
                    return ExitCodes.Success;
                },
                reporter.Failure,
                cancellationToken);
        });
        return command;
    }
}
