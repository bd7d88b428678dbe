using EspProv.Ble.BlueZ.Internal;
using EspProv.Errors;

namespace EspProv.Ble.BlueZ;

public sealed partial class BleTransport
{
    /// <summary>
    /// Scans for the device, connects (removing a stale cached device and retrying once if the first attempt
    /// fails), waits for GATT service resolution, finds the provisioning service and maps endpoints to
    /// characteristics. Throws <see cref="BleUnavailableException"/> when BLE cannot be used at all, and
    /// <see cref="TransportException"/> when the device cannot be found, connected or is not a provisioning device.
    /// </summary>
    public static async Task<BleTransport> ConnectAsync(BleTransportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Device);
        var (connection, adapterPath) = await BlueZBus.OpenAsync(options.BusAddress, options.Adapter, cancellationToken).ConfigureAwait(false);
        LinkState? link = null;
        BleDeviceInfo? device = null;
        var bondedBefore = true;
        try
        {
            device = await FindAsync(connection, adapterPath, options, cancellationToken).ConfigureAwait(false);

            // Read before anything is asked of the device: only a bond that was not there now may ever be removed.
            bondedBefore = await IsBondedAsync(connection, device.ObjectPath, cancellationToken).ConfigureAwait(false);
            link = await LinkState.WatchAsync(connection, device.ObjectPath).ConfigureAwait(false);
            try
            {
                await ConnectDeviceAsync(connection, device.ObjectPath, options, cancellationToken).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException)
            {
                // BlueZ's cache often holds a stale entry (old address type, old GATT db): forget it, rescan, retry
                // once. Forgetting a paired device would delete the user's bond, so that one is only retried.
                link.Dispose();
                link = null;
                if (!bondedBefore)
                {
                    await RemoveDeviceAsync(connection, adapterPath, device.ObjectPath).ConfigureAwait(false);
                }

                device = await FindAsync(connection, adapterPath, options, cancellationToken).ConfigureAwait(false);
                link = await LinkState.WatchAsync(connection, device.ObjectPath).ConfigureAwait(false);
                try
                {
                    await ConnectDeviceAsync(connection, device.ObjectPath, options, cancellationToken).ConfigureAwait(false);
                }
                catch (DBusErrorReplyException exception)
                {
                    var bondHint = bondedBefore ? $" It is paired with this computer, so its bond was left alone; if the bond is stale, remove it (bluetoothctl remove {device.Address}) and try again." : string.Empty;
                    throw new TransportException(TransportFailure.ConnectionRefused, $"Could not connect to {Describe(device)}: {exception.ErrorMessage} ({exception.ErrorName}).{bondHint}", exception);
                }
            }

            await WaitForServicesAsync(connection, device, link, options, cancellationToken).ConfigureAwait(false);
            var map = await GattEndpointMap.BuildAsync(connection, device.ObjectPath, CandidateServices(options, device), cancellationToken).ConfigureAwait(false);
            return new BleTransport(connection, adapterPath, device, map, link, options, bondedBefore);
        }
        catch
        {
            link?.Dispose();
            if (device is not null)
            {
                await DisconnectQuietlyAsync(connection, device.ObjectPath).ConfigureAwait(false);
                await ForgetNewBondQuietlyAsync(connection, adapterPath, device.ObjectPath, bondedBefore, keep: options.KeepBond && options.AllowPairing).ConfigureAwait(false);
            }

            connection.Dispose();
            throw;
        }
    }

    private static async Task<BleDeviceInfo> FindAsync(DBusConnection connection, string adapterPath, BleTransportOptions options, CancellationToken cancellationToken)
    {
        var device = await BleDiscovery.FindAsync(connection, adapterPath, options.Device, options.ScanTimeout, cancellationToken).ConfigureAwait(false);
        return device ?? throw new TransportException(TransportFailure.DeviceNotFound, $"Device not found: no BLE device {options.Device} was seen within {options.ScanTimeout.TotalSeconds:0.#} s.");
    }

    private static async Task ConnectDeviceAsync(DBusConnection connection, string devicePath, BleTransportOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await DBusCalls.CallAsync(connection, BlueZNames.Service, devicePath, BlueZNames.Device, "Connect")
                .WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new TransportException(TransportFailure.Timeout, $"Connecting to the device did not finish within {options.ConnectTimeout.TotalSeconds:0.#} s.", exception);
        }
    }

    private static async Task WaitForServicesAsync(DBusConnection connection, BleDeviceInfo device, LinkState link, BleTransportOptions options, CancellationToken cancellationToken)
    {
        var resolved = await DBusCalls.GetPropertyAsync(connection, BlueZNames.Service, device.ObjectPath, BlueZNames.Device, "ServicesResolved")
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (resolved.Type == VariantValueType.Bool && resolved.GetBool())
        {
            return;
        }

        try
        {
            var finished = await Task.WhenAny(link.ServicesResolved.Task, link.Lost.Task).WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            if (finished == link.Lost.Task)
            {
                throw new TransportException(TransportFailure.ClosedWithoutResponse, $"{Describe(device)} disconnected before its GATT services were resolved.");
            }
        }
        catch (TimeoutException exception)
        {
            throw new TransportException(TransportFailure.Timeout, $"{Describe(device)} did not resolve its GATT services within {options.ConnectTimeout.TotalSeconds:0.#} s.", exception);
        }
    }

    private static List<string> CandidateServices(BleTransportOptions options, BleDeviceInfo device)
    {
        var candidates = new List<string>();
        if (options.ServiceUuid is not null)
        {
            candidates.Add(BleUuids.Normalize(options.ServiceUuid));
        }

        if (device.ServiceUuids.Count == 1)
        {
            candidates.Add(device.ServiceUuids[0]);
        }

        candidates.AddRange(BleUuids.KnownServices);
        return candidates.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static async Task RemoveDeviceAsync(DBusConnection connection, string adapterPath, string devicePath)
    {
        try
        {
            await DBusCalls.CallWithPathAsync(connection, BlueZNames.Service, adapterPath, BlueZNames.Adapter, "RemoveDevice", devicePath).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException)
        {
            // Already gone.
        }
    }

    /// <summary>Paired or Bonded (BlueZ 5.67+ tells them apart; older versions have only Paired); null when BlueZ cannot say.</summary>
    private static async Task<bool?> ReadBondedAsync(DBusConnection connection, string devicePath, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await DBusCalls.GetAllPropertiesAsync(connection, BlueZNames.Service, devicePath, BlueZNames.Device)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return properties.GetBool("Paired") == true || properties.GetBool("Bonded") == true;
        }
        catch (DBusErrorReplyException)
        {
            return null;
        }
    }

    // Unknown counts as bonded: a bond that cannot be shown to be new is never removed.
    private static async Task<bool> IsBondedAsync(DBusConnection connection, string devicePath, CancellationToken cancellationToken) =>
        await ReadBondedAsync(connection, devicePath, cancellationToken).ConfigureAwait(false) ?? true;

    /// <summary>
    /// Removes the device from BlueZ (which deletes its keys) when it is paired now but was not before this
    /// transport connected, unless <paramref name="keep"/>. Best effort: BlueZ may be gone already.
    /// </summary>
    private static async Task ForgetNewBondQuietlyAsync(DBusConnection connection, string adapterPath, string devicePath, bool bondedBefore, bool keep)
    {
        if (bondedBefore || keep)
        {
            return;
        }

        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (await ReadBondedAsync(connection, devicePath, deadline.Token).ConfigureAwait(false) == true)
            {
                await DBusCalls.CallWithPathAsync(connection, BlueZNames.Service, adapterPath, BlueZNames.Adapter, "RemoveDevice", devicePath)
                    .WaitAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is DBusExceptionBase or OperationCanceledException)
        {
            // Nothing more can be done from here; the device stays in BlueZ's list.
        }
    }

    private static async Task DisconnectQuietlyAsync(DBusConnection connection, string devicePath)
    {
        try
        {
            await DBusCalls.CallAsync(connection, BlueZNames.Service, devicePath, BlueZNames.Device, "Disconnect")
                .WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase or TimeoutException)
        {
            // Best effort.
        }
    }

    private static string Describe(BleDeviceInfo device) => device.Name is null ? device.Address : $"'{device.Name}' ({device.Address})";
}
