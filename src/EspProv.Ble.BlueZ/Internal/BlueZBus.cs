namespace EspProv.Ble.BlueZ.Internal;

/// <summary>Opens the bus and checks that BlueZ and the adapter are there, or says in one line why not.</summary>
internal static class BlueZBus
{
    /// <summary>Connects to <paramref name="address"/> (null: the system bus, honouring DBUS_SYSTEM_BUS_ADDRESS).</summary>
    public static async Task<DBusConnection> ConnectAsync(string? address, CancellationToken cancellationToken)
    {
        var target = address ?? DBusAddress.System;
        if (string.IsNullOrEmpty(target))
        {
            throw new BleUnavailableException(BleUnavailableReason.NoBus, "Bluetooth LE is unavailable: there is no D-Bus system bus address.");
        }

        var connection = new DBusConnection(target);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            connection.Dispose();
            throw new BleUnavailableException(BleUnavailableReason.NoBus, $"Bluetooth LE is unavailable: cannot connect to the D-Bus system bus ({exception.Message}).", exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="BleUnavailableException"/> unless someone owns <c>org.bluez</c>.</summary>
    public static async Task EnsureBlueZAsync(DBusConnection connection, CancellationToken cancellationToken)
    {
        var names = await connection.ListServicesAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!names.Contains(BlueZNames.Service, StringComparer.Ordinal))
        {
            throw new BleUnavailableException(BleUnavailableReason.NoBlueZ, "Bluetooth LE is unavailable: BlueZ (bluetoothd) is not running on the system bus.");
        }
    }

    /// <summary>Returns the object path of <paramref name="adapter"/> after checking it exists and is powered.</summary>
    public static async Task<string> FindAdapterAsync(DBusConnection connection, string adapter, CancellationToken cancellationToken)
    {
        var objects = await DBusCalls.GetManagedObjectsAsync(connection, BlueZNames.Service, "/").WaitAsync(cancellationToken).ConfigureAwait(false);
        var path = "/org/bluez/" + adapter;
        if (!objects.TryGetValue(path, out var interfaces) || !interfaces.TryGetValue(BlueZNames.Adapter, out var properties))
        {
            var present = objects.Where(o => o.Value.ContainsKey(BlueZNames.Adapter)).Select(o => o.Key[(o.Key.LastIndexOf('/') + 1)..]).ToList();
            var hint = present.Count == 0 ? "no adapters are present" : "present: " + string.Join(", ", present);
            throw new BleUnavailableException(BleUnavailableReason.NoAdapter, $"Bluetooth LE is unavailable: adapter {adapter} not found ({hint}).");
        }

        if (properties.GetBool("Powered") != true)
        {
            throw new BleUnavailableException(BleUnavailableReason.AdapterOff, $"Bluetooth LE is unavailable: adapter {adapter} is powered off (try `bluetoothctl power on`).");
        }

        return path;
    }

    /// <summary>Connects, checks BlueZ and finds the adapter; disposes the connection on failure.</summary>
    public static async Task<(DBusConnection Connection, string AdapterPath)> OpenAsync(string? address, string adapter, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureBlueZAsync(connection, cancellationToken).ConfigureAwait(false);
            var adapterPath = await FindAdapterAsync(connection, adapter, cancellationToken).ConfigureAwait(false);
            return (connection, adapterPath);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
