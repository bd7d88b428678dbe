using System.CommandLine;
using System.Net;
using EspProv.Ble.BlueZ;
using EspProv.Ble.BlueZ.Peripheral;
using EspProv.Cli.Output;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport;
using EspProv.Transport.Ble;

namespace EspProv.Cli.Commands;

/// <summary><c>esp-prov device</c>: runs the device simulator over HTTP, the console or BLE.</summary>
internal static class DeviceCommand
{
    public static Command Create(StandardStreams streams)
    {
        var options = new DeviceOptionSet();
        var command = new Command("device", "Run a simulated ESP32 provisioning device (the device side of the protocol).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandOutcome.RunAsync(
            () => RunAsync(parse, options, streams.Error, cancellationToken),
            (error, _, code) => streams.Error.WriteLine(CommandOutcome.ErrorLine(error, code)),
            cancellationToken));
        return command;
    }

    // The banner and the log always go to stderr: with the console transport stdout carries the protocol.
    private static async Task<int> RunAsync(ParseResult parse, DeviceOptionSet o, TextWriter log, CancellationToken cancellationToken)
    {
        var device = BuildDeviceOptions(parse, o);
        var transport = ParseTransport(parse.GetValue(o.Transport)!);
        var lifetime = parse.GetValue(o.Lifetime) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (transport == TransportKind.Ble)
        {
            return await RunBleAsync(device, parse.GetValue(o.BleAdapter)!, lifetime, log, cancellationToken).ConfigureAwait(false);
        }

        var host = new SimulatorHostOptions
        {
            Transport = transport,
            Address = IPAddress.TryParse(parse.GetValue(o.Host), out var address) ? address : throw new UsageException("--host takes an IP address."),
            Port = parse.GetValue(o.Port),
            MaxConnections = parse.GetValue(o.MaxConnections) is var max and >= 1 ? max : throw new UsageException("--max-connections takes a number of at least 1."),
            Count = parse.GetValue(o.Count),
            Lifetime = lifetime,
            ExitWhenProvisioned = parse.GetValue(o.ExitWhenProvisioned),
            ClientCommand = SimulatorClientCommand.For,
        };

        if (host.Transport == TransportKind.Http && !IPAddress.IsLoopback(host.Address))
        {
            log.WriteLine(NetworkExposureWarning(host.Address, device));
        }

        try
        {
            return await SimulatorHost.RunAsync(device, host, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // The host's own checks (port range, count per transport) are about the flags given.
            throw new UsageException(ex.Message, ex);
        }
    }

    // The device serves the links esp_prov's names stand for, and "http" besides; "sim" is the client's own device.
    private static TransportKind ParseTransport(string text) =>
        text.Equals("http", StringComparison.OrdinalIgnoreCase) ? TransportKind.Http
        : TransportName.TryParse(text, out var name) && name != TransportName.Sim ? name.Kind
        : throw new UsageException($"Unknown device transport '{text.ToLowerInvariant()}': use {TransportName.Httpd.Text}, {TransportName.Console.Text} or {TransportName.Ble.Text}.");

    /// <summary>
    /// Always printed for a non-loopback bind: whoever reaches the address can provision the simulated device,
    /// and with the defaults (ESP-IDF's example credentials, printed in its docs) no secret stands in the way.
    /// </summary>
    internal static string NetworkExposureWarning(IPAddress address, DeviceOptions device)
    {
        var defaults = new DeviceOptions();
        var exposure = device.Security switch
        {
            SecurityVersion.Sec0 => "security 0 asks for no credentials at all",
            SecurityVersion.Sec1 when device.RunsWithoutPop => "security 1 runs without a proof of possession",
            SecurityVersion.Sec1 when device.Pop == defaults.Pop => $"the proof of possession is the default \"{defaults.Pop}\" of ESP-IDF's example, which is public",
            SecurityVersion.Sec2 when device.Sec2Salt is null && device.Sec2Username == defaults.Sec2Username && device.Sec2Password == defaults.Sec2Password =>
                $"the security 2 credentials are the defaults {defaults.Sec2Username}/{defaults.Sec2Password} of ESP-IDF's example, which are public",
            _ => "its credentials are your own",
        };
        return $"esp-prov device: warning: listening on {address}, not loopback: anyone who can reach it can provision this simulated device; {exposure}.";
    }

    private static DeviceOptions BuildDeviceOptions(ParseResult parse, DeviceOptionSet o)
    {
        try
        {
            return BuildValidDeviceOptions(parse, o);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or System.Text.Json.JsonException)
        {
            // The simulator's own validation, a bad hex salt or an unreadable --ap-list: all about the flags given.
            throw new UsageException(ex.Message, ex);
        }
    }

    private static DeviceOptions BuildValidDeviceOptions(ParseResult parse, DeviceOptionSet o)
    {
        var salt = parse.GetValue(o.Sec2Salt);
        var verifier = parse.GetValue(o.Sec2Verifier);
        if ((salt is null) != (verifier is null))
        {
            throw new UsageException("--sec2-salt and --sec2-verifier go together.");
        }

        var flavour = parse.GetValue(o.Flavour)!.ToLowerInvariant() switch
        {
            "wifi-prov" or "wifi_prov" or "wifiprov" => DeviceFlavour.WifiProv,
            "network-prov" or "network_prov" or "netprov" => DeviceFlavour.NetworkProvWifi,
            "thread" => DeviceFlavour.NetworkProvThread,
            var other => throw new UsageException($"--flavour takes wifi-prov, network-prov or thread, not '{other}'."),
        };
        var device = new DeviceOptions
        {
            Security = SecurityVersion.TryFromNumber(parse.GetValue(o.SecVer), out var security) ? security : throw new UsageException("--sec-ver takes 0, 1 or 2."),
            Sec2PatchLevel = parse.GetValue(o.SecPatchVer),
            Pop = parse.GetValue(o.Pop),
            NoPop = parse.GetValue(o.NoPop),
            Sec2Password = parse.GetValue(o.Sec2Password)!,
            Sec2Salt = salt is null ? null : Convert.FromHexString(salt),
            Sec2Verifier = verifier is null ? null : Convert.FromHexString(verifier),
            ConnectAfterPolls = parse.GetValue(o.ConnectAfter),
            ConnAttempts = parse.GetValue(o.ConnAttempts),
            DropLinkOnApply = parse.GetValue(o.DropLink),
            ScanCount = parse.GetValue(o.ScanCount),
            Fail = ParseFailure(parse.GetValue(o.Fail), flavour),
            Flavour = flavour,
            NoAutoStop = parse.GetValue(o.NoAutoStop),
            ServiceName = parse.GetValue(o.ServiceName),
        };

        // Unset, the username follows the flavour's example firmware (DeviceOptions.Sec2Username).
        if (parse.GetValue(o.Sec2Username) is { } username)
        {
            device = device with { Sec2Username = username };
        }

        if (parse.GetValue(o.ApList) is { } apList)
        {
            device = device with { AccessPoints = AccessPointList.Load(apList.FullName) };
        }

        device.Validate();
        return device;
    }

    // Each flavour names its failures for where network_provisioning produces them; "not-found" stays
    // accepted on Thread because it is the same outcome under the Wi-Fi name.
    private static FailureMode ParseFailure(string? value, DeviceFlavour flavour)
    {
        var thread = flavour == DeviceFlavour.NetworkProvThread;
        return (value?.ToLowerInvariant(), thread) switch
        {
            (null or "" or "none", _) => FailureMode.None,
            ("auth", false) => FailureMode.Auth,
            ("not-found" or "notfound" or "not_found" or "network-not-found", _) => FailureMode.NotFound,
            ("dataset-invalid", true) => FailureMode.DatasetInvalid,
            ("auth", true) => throw new UsageException("--fail auth means a wrong Wi-Fi password; a Thread device fails with dataset-invalid or network-not-found."),
            (var other, true) => throw new UsageException($"--fail on a Thread device takes dataset-invalid or network-not-found, not '{other}'."),
            (var other, false) => throw new UsageException($"--fail takes auth or not-found (Thread: dataset-invalid or network-not-found), not '{other}'."),
        };
    }

    private static async Task<int> RunBleAsync(DeviceOptions options, string adapter, TimeSpan? lifetime, TextWriter log, CancellationToken cancellationToken)
    {
        using var device = new SimulatedDevice(options);
        device.RequestHandled += (_, record) => log.WriteLine($"{device.ServiceName} {record}");
        await using var host = await BlePeripheralHost.StartAsync(
            new BlePeripheralOptions { ServiceName = device.ServiceName, Endpoints = device.Endpoints, Adapter = adapter },
            device.HandleAsync,
            device.OpenSessionAsync,
            device.CloseSessionAsync,
            cancellationToken).ConfigureAwait(false);
        log.WriteLine($"==== Simulated device {device.ServiceName} ====");
        log.WriteLine($"Transport: BLE on {adapter}, service {BleUuids.ExampleService}");
        log.WriteLine($"QR payload: {device.QrPayloadFor(TransportKind.Ble).ToJson()}");
        await Task.Delay(lifetime ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
