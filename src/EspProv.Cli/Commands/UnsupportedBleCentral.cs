using EspProv.Errors;
using EspProv.Transport.Ble;

namespace EspProv.Cli.Commands;

/// <summary>Stands in where esp-prov has no BLE backend: every use says so, which leads to the console fallback.</summary>
internal sealed class UnsupportedBleCentral(string why) : IBleCentral
{
    public string Name => "no BLE backend";

    public Task<IBleScan> StartScanAsync(string? serviceUuid, CancellationToken cancellationToken) => throw Unavailable();

    public Task<IBlePeripheralLink> ConnectAsync(BleDeviceInfo device, CancellationToken cancellationToken) => throw Unavailable();

    public Task<bool?> IsBondedAsync(BleDeviceInfo device, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);

    public Task ForgetAsync(BleDeviceInfo device, CancellationToken cancellationToken) => Task.CompletedTask;

    public string RemoveBondHint(BleDeviceInfo device) => "the system's Bluetooth settings";

    private BleUnavailableException Unavailable() => new(BleUnavailableReason.NotSupported, $"Bluetooth LE is unavailable: {why}.");
}
