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
            await DBusCalls.WriteValueAsync(_connection, _owner, _paths[index].Path, value, new PropertyMap
            {
                ["type"] = VariantValue.String("request"),
                ["device"] = VariantValue.ObjectPath(central),
            });
        }
        catch (DBusErrorReplyException exception)
        {
            // bluetoothd turns the application's error into an ATT error response (gatt-database.c), which the
            // client side's bluetoothd reports as Failed "Operation failed with ATT error" (gatt-client.c).
            var code = exception.ErrorName switch
            {
                "org.bluez.Error.InvalidValueLength" => 0x0d,
                "org.bluez.Error.NotAuthorized" => 0x08,
                "org.bluez.Error.NotSupported" => 0x06,
                "org.bluez.Error.InvalidOffset" => 0x07,
                _ => 0x0e,
            };
            throw new DBusMethodError(BlueZNames.ErrorFailed, $"Operation failed with ATT error: 0x{code:x2}");
        }
    }

    public override async Task<byte[]> ReadAsync(int index, string central, CancellationToken cancellationToken)
    {
        var result = new List<byte>();
        while (true)
        {
            var chunk = await DBusCalls.ReadValueAsync(_connection, _owner, _paths[index].Path, BlueZNames.GattCharacteristic, new PropertyMap
            {
                ["offset"] = VariantValue.UInt16((ushort)result.Count),
                ["device"] = VariantValue.ObjectPath(central),
            });
            result.AddRange(chunk.Take(ReadChunk));
            if (chunk.Length <= ReadChunk)
            {
                return [.. result];
            }
        }
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
