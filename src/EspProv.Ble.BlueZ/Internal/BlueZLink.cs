namespace EspProv.Ble.BlueZ.Internal;

/// <summary>
/// One connected device over BlueZ, on its own bus connection: Device1.Connect/Pair/Disconnect, the GATT objects
/// under the device, GattCharacteristic1/GattDescriptor1 ReadValue and WriteValue (type "request": with response;
/// bluetoothd makes long writes and reads as needed).
/// </summary>
internal sealed class BlueZLink : IBlePeripheralLink
{
    private static readonly PropertyMap WriteRequestOptions = new(StringComparer.Ordinal) { ["type"] = VariantValue.String("request") };

    private readonly DBusConnection _connection;
    private readonly string _devicePath;
    private readonly LinkState _state;
    private int _disposed;

    private BlueZLink(DBusConnection connection, string devicePath, LinkState state)
    {
        _connection = connection;
        _devicePath = devicePath;
        _state = state;
    }

    public Task Disconnected => _state.Lost.Task;

    public int? Mtu { get; private set; }

    /// <summary>Connects to the device at <paramref name="devicePath"/>; owns <paramref name="connection"/> from here on.</summary>
    public static async Task<BlueZLink> ConnectAsync(DBusConnection connection, string devicePath, CancellationToken cancellationToken)
    {
        LinkState? state = null;
        try
        {
            // Subscribed before anything is asked of the device, so no change can be missed.
            state = await LinkState.WatchAsync(connection, devicePath).ConfigureAwait(false);
            var link = new BlueZLink(connection, devicePath, state);
            try
            {
                await DBusCalls.CallAsync(connection, BlueZNames.Service, devicePath, BlueZNames.Device, "Connect").WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await link.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return link;
        }
        catch (Exception exception) when (exception is DBusExceptionBase)
        {
            state?.Dispose();
            connection.Dispose();
            throw Map(exception);
        }
    }

    public async Task<IReadOnlyList<BleGattService>> GetServicesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var resolved = await DBusCalls.GetPropertyAsync(_connection, BlueZNames.Service, _devicePath, BlueZNames.Device, "ServicesResolved").WaitAsync(cancellationToken).ConfigureAwait(false);
            if (resolved.Type != VariantValueType.Bool || !resolved.GetBool())
            {
                var finished = await Task.WhenAny(_state.ServicesResolved.Task, _state.Lost.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (finished == _state.Lost.Task)
                {
                    throw new BleGattException(BleGattError.Disconnected, "the device disconnected");
                }
            }

            var objects = await DBusCalls.GetManagedObjectsAsync(_connection, BlueZNames.Service, "/").WaitAsync(cancellationToken).ConfigureAwait(false);
            return ReadDatabase(objects);
        }
        catch (Exception exception) when (exception is DBusExceptionBase)
        {
            throw Map(exception);
        }
    }

    /// <summary>The GATT objects under this device, as a tree; characteristics in object path (handle) order.</summary>
    private List<BleGattService> ReadDatabase(Dictionary<string, InterfaceMap> objects)
    {
        var prefix = _devicePath + "/";
        List<(string Path, PropertyMap Properties)> Children(string @interface, string parentProperty, string parent) =>
            objects.Where(o => o.Value.TryGetValue(@interface, out var p) && p.GetPath(parentProperty) == parent)
                .OrderBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => (o.Key, o.Value[@interface]))
                .ToList();

        var characteristics = new List<(string Path, PropertyMap Properties)>();
        var services = objects
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && o.Value.ContainsKey(BlueZNames.GattService))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(service =>
            {
                var serviceCharacteristics = Children(BlueZNames.GattCharacteristic, "Service", service.Key);
                characteristics.AddRange(serviceCharacteristics);
                return new BleGattService(
                    Uuid(service.Value[BlueZNames.GattService]),
                    service.Key,
                    serviceCharacteristics.Select(c => new BleGattCharacteristic(
                        Uuid(c.Properties),
                        c.Path,
                        Children(BlueZNames.GattDescriptor, "Characteristic", c.Path).Select(d => new BleGattDescriptor(Uuid(d.Properties), d.Path)).ToList())).ToList());
            })
            .ToList();

        // BlueZ 5.62+ publishes the link's MTU on each characteristic.
        Mtu = characteristics.Select(c => c.Properties.TryGetValue("MTU", out var mtu) && mtu.Type == VariantValueType.UInt16 ? mtu.GetUInt16() : (int?)null)
            .FirstOrDefault(m => m is not null);
        return services;
    }

    private static string Uuid(PropertyMap properties) => (properties.GetString("UUID") ?? string.Empty).ToLowerInvariant();

    public async Task<byte[]> ReadAsync(BleGattAttribute attribute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var @interface = attribute is BleGattDescriptor ? BlueZNames.GattDescriptor : BlueZNames.GattCharacteristic;
        try
        {
            return await DBusCalls.ReadValueAsync(_connection, BlueZNames.Service, attribute.Handle, @interface).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase)
        {
            throw Map(exception);
        }
    }

    public async Task WriteAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(characteristic);
        try
        {
            await DBusCalls.WriteValueAsync(_connection, BlueZNames.Service, characteristic.Handle, value.Span, WriteRequestOptions).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase)
        {
            throw Map(exception);
        }
    }

    public async Task PairAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DBusCalls.CallAsync(_connection, BlueZNames.Service, _devicePath, BlueZNames.Device, "Pair").WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException exception) when (exception.ErrorName == BlueZNames.ErrorAlreadyExists)
        {
            // Already paired; the retry will tell whether that was enough.
        }
        catch (Exception exception) when (exception is DBusExceptionBase)
        {
            throw Map(exception);
        }
    }

    public async Task<bool> IsConnectedAsync(CancellationToken cancellationToken)
    {
        if (_state.Lost.Task.IsCompleted)
        {
            return false;
        }

        try
        {
            var connected = await DBusCalls.GetPropertyAsync(_connection, BlueZNames.Service, _devicePath, BlueZNames.Device, "Connected").WaitAsync(cancellationToken).ConfigureAwait(false);
            return connected.Type == VariantValueType.Bool && connected.GetBool();
        }
        catch (DBusExceptionBase)
        {
            return false;
        }
    }

    /// <summary>Disconnects (errors ignored: the device may be gone) and closes the bus connection. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Dispose();
        try
        {
            await DBusCalls.CallAsync(_connection, BlueZNames.Service, _devicePath, BlueZNames.Device, "Disconnect").WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase or TimeoutException)
        {
            // Already gone.
        }

        _connection.Dispose();
    }

    private static BleGattException Map(Exception exception) => exception switch
    {
        DBusErrorReplyException reply => BlueZErrors.Map(reply),
        DBusConnectionException connection => BlueZErrors.Map(connection),
        _ => new BleGattException(BleGattError.Failed, exception.Message, innerException: exception),
    };
}
