using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.Tests.Support;

/// <summary>
/// A GATT application registered with the fake through GattManager1 by another bus client (the peripheral
/// host): reads and writes are forwarded to its objects with the "device" option, reads in 22-byte
/// "offset" chunks as BlueZ does for long values over a 23-byte MTU.
/// </summary>
internal sealed class RemoteGatt : FakeGatt
{
    private const int ReadChunk = 22;
    private readonly DBusConnection _connection;
    private readonly string _owner;
    private readonly List<(string Path, string? DescriptorPath)> _paths;

    private RemoteGatt(DBusConnection connection, string owner, string serviceUuid, List<(string, string?)> paths, List<FakeCharacteristic> characteristics)
    {
        _connection = connection;
        _owner = owner;
        ServiceUuid = serviceUuid;
        _paths = paths;
        Characteristics = characteristics;
    }

    public override string ServiceUuid { get; }

    public override IReadOnlyList<FakeCharacteristic> Characteristics { get; }

    /// <summary>Reads the application's object tree the way bluetoothd does on RegisterApplication.</summary>
    public static async Task<RemoteGatt> LoadAsync(DBusConnection connection, string owner, string root)
    {
        var objects = await DBusCalls.GetManagedObjectsAsync(connection, owner, root);
        var service = objects.Single(o => o.Value.ContainsKey(BlueZNames.GattService));
        var serviceUuid = service.Value[BlueZNames.GattService].GetString("UUID")!;
        var paths = new List<(string, string?)>();
        var characteristics = new List<FakeCharacteristic>();
        foreach (var (path, interfaces) in objects.Where(o => o.Value.ContainsKey(BlueZNames.GattCharacteristic)).OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var descriptor = objects.FirstOrDefault(o => o.Value.TryGetValue(BlueZNames.GattDescriptor, out var p) && p.GetPath("Characteristic") == path).Key;
            string? description = null;
            if (descriptor is not null)
            {
                description = System.Text.Encoding.ASCII.GetString(await DBusCalls.ReadValueAsync(connection, owner, descriptor, BlueZNames.GattDescriptor));
            }

            paths.Add((path, descriptor));
            characteristics.Add(new FakeCharacteristic(interfaces[BlueZNames.GattCharacteristic].GetString("UUID")!, description));
        }

        return new RemoteGatt(connection, owner, serviceUuid, paths, characteristics);
    }

    public override async Task WriteAsync(int index, string central, byte[] value, CancellationToken cancellationToken)
    {
        try
        {
            await WriteRawAsync(index, value, Options(central, write: true));
        }
        catch (DBusErrorReplyException exception)
        {
            throw AttError(exception);
        }
    }

    public override async Task<byte[]> ReadAsync(int index, string central, CancellationToken cancellationToken)
    {
        var result = new List<byte>();
        while (true)
        {
            byte[] chunk;
            try
            {
                chunk = await ReadRawAsync(index, Options(central, (ushort)result.Count));
            }
            catch (DBusErrorReplyException exception)
            {
                throw AttError(exception);
            }

            result.AddRange(chunk.Take(ReadChunk));
            if (chunk.Length <= ReadChunk)
            {
                return [.. result];
            }
        }
    }

    /// <summary>WriteValue on the application's characteristic exactly as given: the peripheral's own error reply comes back.</summary>
    public Task WriteRawAsync(int index, byte[] value, PropertyMap options) =>
        DBusCalls.WriteValueAsync(_connection, _owner, _paths[index].Path, value, options);

    /// <summary>ReadValue on the application's characteristic exactly as given.</summary>
    public Task<byte[]> ReadRawAsync(int index, PropertyMap options) =>
        DBusCalls.ReadValueAsync(_connection, _owner, _paths[index].Path, BlueZNames.GattCharacteristic, options);

    /// <summary>The options bluetoothd passes: the central always, the offset when it is not 0, the write type.</summary>
    public static PropertyMap Options(string? central, ushort offset = 0, bool write = false)
    {
        var options = new PropertyMap();
        if (central is not null)
        {
            options["device"] = VariantValue.ObjectPath(central);
        }

        if (offset != 0)
        {
            options["offset"] = VariantValue.UInt16(offset);
        }

        if (write)
        {
            options["type"] = VariantValue.String("request");
        }

        return options;
    }

    /// <summary>
    /// bluetoothd turns the application's error into an ATT error response (gatt-database.c), which the client
    /// side's bluetoothd reports as Failed "Operation failed with ATT error" (gatt-client.c).
    /// </summary>
    private static DBusMethodError AttError(DBusErrorReplyException exception)
    {
        var code = exception.ErrorName switch
        {
            BlueZNames.ErrorInvalidValueLength => 0x0d,
            BlueZNames.ErrorNotAuthorized => 0x08,
            "org.bluez.Error.NotSupported" => 0x06,
            BlueZNames.ErrorInvalidOffset => 0x07,
            _ => 0x0e,
        };
        return new DBusMethodError(BlueZNames.ErrorFailed, $"Operation failed with ATT error: 0x{code:x2}");
    }

    public override async Task<byte[]> ReadDescriptorAsync(int index, CancellationToken cancellationToken) =>
        await DBusCalls.ReadValueAsync(_connection, _owner, _paths[index].DescriptorPath!, BlueZNames.GattDescriptor);

    public override void OnConnected(string central)
    {
    }

    public override void OnDisconnected(string central)
    {
    }
}
