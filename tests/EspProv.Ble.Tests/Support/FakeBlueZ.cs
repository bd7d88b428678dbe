using System.Collections.Concurrent;
using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.Tests.Support;

/// <summary>
/// A fake <c>org.bluez</c> on a private bus, behaving like bluetoothd where esp-prov can tell: devices appear by
/// InterfacesAdded when discovery starts and report RSSI by PropertiesChanged; GATT objects appear after Connect,
/// then ServicesResolved turns true; GattManager1/LEAdvertisingManager1 registrations become discoverable devices.
/// </summary>
internal sealed partial class FakeBlueZ : DeferredMethodHandler, IAsyncDisposable
{
    public const string AdapterPath = "/org/bluez/hci0";

    private readonly DBusConnection _connection;
    private readonly ConcurrentDictionary<string, FakeDevice> _known = new();
    private readonly ConcurrentDictionary<string, FakeDevice> _exported = new();
    private readonly ConcurrentDictionary<string, RemoteGatt> _applications = new();
    private readonly object _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _registrations;
    private int _added;

    private FakeBlueZ(DBusConnection connection)
        : base("/")
    {
        _connection = connection;
    }

    public bool Powered { get; set; } = true;

    public bool Discovering { get; private set; }

    public int StartDiscoveryCalls;

    /// <summary>The most devices connected at the same time (a batch's per-adapter limit).</summary>
    public int MostConnectedAtOnce;

    private int _connected;

    public PropertyMap? LastDiscoveryFilter { get; private set; }

    /// <summary>Completes with the fake device created when a peripheral registers its advertisement.</summary>
    public TaskCompletionSource<FakeDevice> AdvertisementRegistered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeBlueZ> StartAsync(string address, bool ownName = true)
    {
        var connection = new DBusConnection(address);
        await connection.ConnectAsync();
        var fake = new FakeBlueZ(connection);
        connection.AddMethodHandler(fake);
        if (ownName)
        {
            await connection.RequestNameAsync("org.bluez", RequestNameOptions.Default);
        }

        return fake;
    }

    public void Add(FakeDevice device)
    {
        device.Order = Interlocked.Increment(ref _added);
        _known[device.Path] = device;
    }

    /// <summary>The peripheral side's view of a central leaving: what bluetoothd signals for the central's device object.</summary>
    public void DisconnectCentral(string centralPath) =>
        EmitPropertiesChanged(centralPath, BlueZNames.Device, new() { ["Connected"] = VariantValue.Bool(false) });

    public ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    protected override async Task HandleAsync(MethodContext context)
    {
        var request = context.Request;
        var path = request.PathAsString ?? "/";
        var @interface = request.InterfaceAsString;
        var member = request.MemberAsString ?? string.Empty;
        if (path == "/" && @interface == BlueZNames.ObjectManager && member == "GetManagedObjects")
        {
            ReplyManagedObjects(context, Snapshot());
            return;
        }

        if (path == AdapterPath)
        {
            await HandleAdapterAsync(context, @interface, member);
            return;
        }

        var device = _exported.Values.FirstOrDefault(d => path == d.Path || path.StartsWith(d.Path + "/", StringComparison.Ordinal))
            ?? throw new DBusMethodError(BlueZNames.ErrorUnknownObject, $"No object at {path}.");
        if (@interface == BlueZNames.Properties)
        {
            var objects = Snapshot();
            TryReplyProperties(context, objects.TryGetValue(path, out var interfaces) ? interfaces : throw new DBusMethodError(BlueZNames.ErrorUnknownObject, path));
            return;
        }

        if (path == device.Path && @interface == BlueZNames.Device)
        {
            await HandleDeviceAsync(context, device, member);
            return;
        }

        await HandleGattAsync(context, device, path, @interface, member);
    }

    private Dictionary<string, InterfaceMap> Snapshot()
    {
        var objects = new Dictionary<string, InterfaceMap>(StringComparer.Ordinal)
        {
            [AdapterPath] = new(StringComparer.Ordinal)
            {
                ["org.bluez.Adapter1"] = AdapterProperties(),
                [BlueZNames.GattManager] = new(),
                [BlueZNames.AdvertisingManager] = new(),
            },
        };
        foreach (var device in _exported.Values.OrderBy(d => d.Order))
        {
            objects[device.Path] = new(StringComparer.Ordinal) { [BlueZNames.Device] = DeviceProperties(device) };
            if (device.Connected && !device.NeverResolveServices)
            {
                foreach (var (gattPath, interfaces) in GattObjects(device))
                {
                    objects[gattPath] = interfaces;
                }
            }
        }

        return objects;
    }

    private PropertyMap AdapterProperties() => new()
    {
        ["Address"] = VariantValue.String("00:1A:7D:DA:71:13"),
        ["Powered"] = VariantValue.Bool(Powered),
        ["Discovering"] = VariantValue.Bool(Discovering),
    };

    private static PropertyMap DeviceProperties(FakeDevice device)
    {
        var properties = new PropertyMap
        {
            ["Address"] = VariantValue.String(device.Address),
            ["Adapter"] = VariantValue.ObjectPath(AdapterPath),
            ["RSSI"] = VariantValue.Int16(device.Rssi),
            ["Connected"] = VariantValue.Bool(device.Connected),
            ["Paired"] = VariantValue.Bool(device.Paired),
            ["Bonded"] = VariantValue.Bool(device.Bonded),
            ["ServicesResolved"] = VariantValue.Bool(device.Connected && !device.NeverResolveServices),
            ["UUIDs"] = VariantValue.Array(device.AdvertiseServiceUuid ? new[] { device.Gatt.ServiceUuid } : Array.Empty<string>()),
        };
        if (device.Name is not null)
        {
            properties["Name"] = VariantValue.String(device.Name);
        }

        return properties;
    }

    private static IEnumerable<KeyValuePair<string, InterfaceMap>> GattObjects(FakeDevice device)
    {
        var service = device.Path + "/service0010";
        yield return new(service, new() { [BlueZNames.GattService] = new() { ["UUID"] = VariantValue.String(device.Gatt.ServiceUuid), ["Device"] = VariantValue.ObjectPath(device.Path), ["Primary"] = VariantValue.Bool(true) } });
        for (var i = 0; i < device.Gatt.Characteristics.Count; i++)
        {
            var characteristic = device.Gatt.Characteristics[i];
            var charPath = CharacteristicPath(device, i);
            yield return new(charPath, new() { [BlueZNames.GattCharacteristic] = new() { ["UUID"] = VariantValue.String(characteristic.Uuid), ["Service"] = VariantValue.ObjectPath(service), ["Flags"] = VariantValue.Array(new[] { "read", "write" }) } });
            if (characteristic.Description is not null)
            {
                yield return new(charPath + "/desc0001", new() { [BlueZNames.GattDescriptor] = new() { ["UUID"] = VariantValue.String("00002901-0000-1000-8000-00805f9b34fb"), ["Characteristic"] = VariantValue.ObjectPath(charPath) } });
            }
        }
    }

    private static string CharacteristicPath(FakeDevice device, int index) => $"{device.Path}/service0010/char{0x11 + (2 * index):x4}";
}
