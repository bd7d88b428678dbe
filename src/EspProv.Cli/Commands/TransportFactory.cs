using System.Text.RegularExpressions;
using EspProv.Cli.Output;
using EspProv.Errors;
using EspProv.Transport;
using EspProv.Transport.Ble;
using EspProv.Transport.Console;
using EspProv.Transport.Http;
using Spectre.Console;

namespace EspProv.Cli.Commands;

/// <summary>Creates the transport named by <c>--transport</c>.</summary>
internal static partial class TransportFactory
{
    /// <param name="settings">The command line.</param>
    /// <param name="streams">The process's streams (the console transport speaks over stdin/stdout, the in-process device logs to stderr).</param>
    /// <param name="info">Where the transports' progress lines ("Connecting to …") go.</param>
    /// <param name="interactiveConsole">The terminal for prompts, or null when prompting is off.</param>
    /// <param name="onConsoleFallback">
    /// Called before BLE falls back to the console transport, whose protocol takes over stdout; null where no fallback
    /// can be (a batch): BLE being unavailable is then that device's failure.
    /// </param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    public static async Task<IProvTransport> CreateAsync(ProvisionSettings settings, StandardStreams streams, Action<string> info, IAnsiConsole? interactiveConsole, Action? onConsoleFallback, CancellationToken cancellationToken)
    {
        switch (settings.Transport)
        {
            case TransportName.SoftAp or TransportName.Httpd:
                HttpServiceAddress address;
                try
                {
                    address = HttpServiceAddress.Parse(settings.ServiceName);
                }
                catch (FormatException ex)
                {
                    throw new UsageException($"--service_name: {ex.Message}");
                }

                info($"Connecting to {address}");
                return new HttpTransport(new HttpTransportOptions { Address = address, Timeout = settings.RequestTimeout });
            case TransportName.Console:
                return CreateConsole(settings, streams);
            case TransportName.Sim:
                var sim = await SimulatedDeviceTransport.StartAsync(new DevicePrefixWriter(streams.Error, "device | "), settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
                info($"Started a simulated device at {sim.Address}");
                return sim;
            case TransportName.Ble:
            default:
                try
                {
                    return await ConnectBleAsync(settings, info, interactiveConsole, cancellationToken).ConfigureAwait(false);
                }
                catch (BleUnavailableException ex) when (onConsoleFallback is not null)
                {
                    // esp_prov's rule where no BLE stack is usable: relay the messages by hand. Only a person at a
                    // terminal can; a script would wait for answers that never come.
                    var unavailable = ex.Message.TrimEnd('.');
                    if (interactiveConsole is null)
                    {
                        throw new UsageException($"{unavailable}; the console fallback needs a person at a terminal to relay each message, so nothing was sent (use --transport console to relay through a pipe).");
                    }

                    onConsoleFallback();
                    info($"{unavailable}; falling back to the console transport: relay each message to the device with a BLE tool.");
                    return CreateConsole(settings, streams);
                }
        }
    }

    private static async Task<IProvTransport> ConnectBleAsync(ProvisionSettings settings, Action<string> info, IAnsiConsole? interactiveConsole, CancellationToken cancellationToken)
    {
        BleDeviceFilter filter;
        string target;
        if (string.IsNullOrEmpty(settings.ServiceName))
        {
            // The entry picked, not its name: two devices may advertise the same name.
            var picked = await ChooseDeviceAsync(settings, info, interactiveConsole, cancellationToken).ConfigureAwait(false);
            filter = new BleDeviceFilter { Address = picked.Address };
            target = picked.Name is null ? picked.Address : $"{picked.Name} ({picked.Address})";
        }
        else
        {
            target = settings.ServiceName;
            filter = MacAddress().IsMatch(target) ? new BleDeviceFilter { Address = target.ToUpperInvariant() } : new BleDeviceFilter { Name = target };
        }

        var central = BleCentrals.ForThisMachine(settings.BleAdapter);
        info($"Connecting to {target} over BLE ({central.Name})");
        return await BleTransport.ConnectAsync(
            new BleTransportOptions
            {
                Central = central,
                Device = filter,
                RequestTimeout = settings.RequestTimeout,
                AllowPairing = settings.BlePair,
                KeepBond = settings.BleKeepBond,
                ConfirmPairing = interactiveConsole is null ? null : (device, ct) => new(AskToPairAsync(new ConsolePrompts(interactiveConsole), device, settings.BleKeepBond, ct)),
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static Task<bool> AskToPairAsync(ConsolePrompts prompts, BleDeviceInfo device, bool keepBond, CancellationToken cancellationToken)
    {
        var who = device.Name is null ? device.Address : $"{device.Name} ({device.Address})";
        var after = keepBond ? "the bond is kept (--ble-keep-bond)" : "the bond is removed when esp-prov is done";
        return prompts.ConfirmAsync($"{who} requires pairing (an encrypted link); {after}. Pair with it?", cancellationToken);
    }

    private static async Task<BleDeviceInfo> ChooseDeviceAsync(ProvisionSettings settings, Action<string> info, IAnsiConsole? interactiveConsole, CancellationToken cancellationToken)
    {
        while (true)
        {
            info("Discovering BLE provisioning devices...");
            var devices = await BleScanner.DiscoverAsync(BleCentrals.ForThisMachine(settings.BleAdapter), new BleDeviceFilter(), BleTransportOptions.DefaultScanTime, cancellationToken).ConfigureAwait(false);
            if (interactiveConsole is null)
            {
                throw new MissingInputException(MissingInput.Device, devices.Count == 0
                    ? "No BLE devices found."
                    : $"No BLE device named; found: {string.Join(", ", devices.Select(d => $"{d.Name ?? "Unknown"} ({d.Address}, {d.Rssi} dBm)"))}.");
            }

            if (devices.Count == 0)
            {
                throw new TransportException(TransportFailure.DeviceNotFound, "No devices found!");
            }

            interactiveConsole.Write(ScanTable.ForBleDevices(devices));
            var choice = interactiveConsole.Prompt(new TextPrompt<int>("Select device by number (0 to rescan) :").Validate(n => n >= 0 && n <= devices.Count, "Invalid input! Retry"));
            if (choice > 0)
            {
                return devices[choice - 1];
            }
        }
    }

    private static ConsoleTransport CreateConsole(ProvisionSettings settings, StandardStreams streams) =>

        // A person may take their time; a pipe (another program answering) gets the request timeout.
        new(streams.In, streams.Out, streams.InputRedirected ? settings.RequestTimeout : null);

    [GeneratedRegex("^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")]
    private static partial Regex MacAddress();
}
