using EspProv.Cli.Output;
using EspProv.Transport;
using EspProv.Transport.Console;
using EspProv.Transport.Http;

namespace EspProv.Cli.Commands;

/// <summary>Creates the transport named by <c>--transport</c>.</summary>
internal static class TransportFactory
{
    public static Task<IProvTransport> CreateAsync(ProvisionSettings settings, IReporter reporter, CancellationToken cancellationToken)
    {
        switch (settings.Transport)
        {
            case "softap" or "httpd":
                HttpServiceAddress address;
                try
                {
                    address = HttpServiceAddress.Parse(settings.ServiceName);
                }
                catch (FormatException ex)
                {
                    throw new UsageException($"--service_name: {ex.Message}");
                }

                reporter.Info($"Connecting to {address}");
                return Task.FromResult<IProvTransport>(new HttpTransport(new HttpTransportOptions { Address = address, Timeout = settings.RequestTimeout }));
            case "console":
                return Task.FromResult(CreateConsole());
            case "ble":
                // Linux BlueZ support lands with the BLE transport; until a BLE link can be made here,
                // esp_prov's rule applies: the messages are relayed by hand over the console.
                reporter.Info("BLE is not available here; falling back to the console transport (relay each message to the device with a BLE tool).");
                return Task.FromResult(CreateConsole());
            case null:
                throw new UsageException("--transport is required: softap, httpd, ble, console or sim.");
            default:
                throw new UsageException($"Unknown transport '{settings.Transport}': use softap, httpd, ble, console or sim.");
        }
    }

    private static IProvTransport CreateConsole() => new ConsoleTransport(System.Console.In, System.Console.Out);
}
