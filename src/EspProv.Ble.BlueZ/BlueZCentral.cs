using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.BlueZ;

/// <summary>
/// The BLE central of a Linux machine, through BlueZ's D-Bus API (org.bluez). Every scan and every link has its
/// own bus connection, opened when it starts; each opening checks that BlueZ runs and the adapter is there and
/// powered, or throws <see cref="BleUnavailableException"/>.
/// </summary>
/// <param name="adapter">The BlueZ adapter name, e.g. <c>hci0</c> (esp_prov's <c>--ble_adapter</c>).</param>
/// <param name="busAddress">The D-Bus address to use instead of the system bus (tests point this at a private bus).</param>
public sealed class BlueZCentral(string adapter = "hci0", string? busAddress = null) : IBleCentral
{
    /// <inheritdoc />
    public string Name => adapter;

    /// <inheritdoc />
    public async Task<IBleScan> StartScanAsync(string? serviceUuid, CancellationToken cancellationToken)
    {
        var (connection, adapterPath) = await BlueZBus.OpenAsync(busAddress, adapter, cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeviceScanner.StartAsync(connection, adapterPath, serviceUuid, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException exception)
        {
            throw BlueZErrors.Map(exception);
        }
    }

    /// <inheritdoc />
    public async Task<IBlePeripheralLink> ConnectAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var (connection, _) = await BlueZBus.OpenAsync(busAddress, adapter, cancellationToken).ConfigureAwait(false);
        return await BlueZLink.ConnectAsync(connection, device.ObjectPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Paired or Bonded (BlueZ 5.67+ tells them apart; older versions have only Paired); null when BlueZ cannot say.</summary>
    public async Task<bool?> IsBondedAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var (connection, _) = await BlueZBus.OpenAsync(busAddress, adapter, cancellationToken).ConfigureAwait(false);
        using (connection)
        {
            try
            {
                var properties = await DBusCalls.GetAllPropertiesAsync(connection, BlueZNames.Service, device.ObjectPath, BlueZNames.Device)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                return properties.GetBool("Paired") == true || properties.GetBool("Bonded") == true;
            }
            catch (DBusExceptionBase)
            {
                // The bus or BlueZ failing while asked: unknown, which the bond rules treat as bonded (never removed).
                return null;
            }
        }
    }

    /// <summary>Adapter1.RemoveDevice: BlueZ forgets the device and deletes its keys.</summary>
    public async Task ForgetAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var (connection, adapterPath) = await BlueZBus.OpenAsync(busAddress, adapter, cancellationToken).ConfigureAwait(false);
        using (connection)
        {
            try
            {
                await DBusCalls.CallWithPathAsync(connection, BlueZNames.Service, adapterPath, BlueZNames.Adapter, "RemoveDevice", device.ObjectPath)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException exception) when (exception.ErrorName is BlueZNames.ErrorDoesNotExist or BlueZNames.ErrorUnknownObject)
            {
                // Already gone.
            }
            catch (DBusErrorReplyException exception)
            {
                throw BlueZErrors.Map(exception);
            }
        }
    }

    /// <inheritdoc />
    public string RemoveBondHint(BleDeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return $"bluetoothctl remove {device.Address}";
    }
}
