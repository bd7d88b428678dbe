using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EspProv.Ble.BlueZ;
using EspProv.Cli.Output;
using EspProv.Model;
using Spectre.Console;

namespace EspProv.Cli.Commands;

/// <summary><c>esp-prov discover</c>: lists provisioning devices advertising over BLE.</summary>
internal static class DiscoverCommand
{
    public static Command Create()
    {
        var prefix = new Option<string>("--prefix") { Description = "Name prefix to match (empty: every device)", DefaultValueFactory = _ => ExampleFirmware.ServiceNamePrefix };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to scan", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "One JSON object per device" };
        var adapter = new Option<string>("--ble-adapter", "--ble_adapter") { Description = "Bluetooth adapter", DefaultValueFactory = _ => "hci0" };
        var command = new Command("discover", "List ESP provisioning devices advertising over Bluetooth LE (name, address, RSSI, service).") { prefix, timeout, json, adapter };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var seconds = parse.GetValue(timeout);
                if (seconds is <= 0 or > 300)
                {
                    throw new UsageException("--timeout takes 0 to 300 seconds.");
                }

                var devices = await BleDiscovery.DiscoverAsync(
                    new BleDiscoveryOptions
                    {
                        Adapter = parse.GetValue(adapter)!,
                        Filter = new BleDeviceFilter { NamePrefix = parse.GetValue(prefix) is { Length: > 0 } p ? p : null },
                        ScanTime = TimeSpan.FromSeconds(seconds),
                    },
                    cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    foreach (var device in devices)
                    {
                        Console.Out.WriteLine(ToJson(device));
                    }
                }
                else
                {
                    Print(devices);
                }

                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is UsageException or BleUnavailableException or Errors.ProvException)
            {
                var (code, error) = ExitCodes.Classify(ex is BleUnavailableException ? new Errors.TransportException(Errors.TransportFailure.IoError, ex.Message) : ex);
                Console.Error.WriteLine($"esp-prov: error ({error}): {ex.Message}");
                return code;
            }
        });
        return command;
    }

    internal static void Print(IReadOnlyList<BleDeviceInfo> devices)
    {
        if (devices.Count == 0)
        {
            AnsiConsole.MarkupLine("No devices found!");
            return;
        }

        var table = new Table().AddColumns("S.N.", "Name", "Address", "RSSI", "Service");
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(TerminalText.Safe(d.Name ?? "Unknown")),
                d.Address,
                d.Rssi?.ToString(CultureInfo.InvariantCulture) ?? "?",
                string.Join(' ', d.ServiceUuids));
        }

        AnsiConsole.Write(table);
    }

    private static string ToJson(BleDeviceInfo device)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", device.Name);
            w.WriteString("address", device.Address);
            if (device.Rssi is { } rssi)
            {
                w.WriteNumber("rssi", rssi);
            }

            w.WriteStartArray("service_uuids");
            foreach (var uuid in device.ServiceUuids)
            {
                w.WriteStringValue(uuid);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
