using System.Collections.Concurrent;
using System.Text;
using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.BlueZ.Peripheral;

/// <summary>
/// The exported object tree BlueZ reads on RegisterApplication/RegisterAdvertisement: one service, one
/// read/write characteristic per endpoint, a 0x2901 descriptor per characteristic, and the advertisement.
/// Writes run the handler and store the response per central; reads return it (honouring "offset").
/// </summary>
internal sealed class GattApplication : DeferredMethodHandler
{
    private readonly BlePeripheralOptions _options;
    private readonly Func<string, uint, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> _handler;
    private readonly Action<uint> _openSession;
    private readonly Action<uint> _closeSession;
    private readonly Dictionary<string, string> _endpointByCharacteristic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameByDescriptor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceMap> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, uint> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Device, string Characteristic), byte[]> _values = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _sessionLock = new();
    private uint _nextSession;

    public GattApplication(string root, BlePeripheralOptions options, Func<string, uint, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> handler, Action<uint> openSession, Action<uint> closeSession)
        : base(root)
    {
        _options = options;
        _handler = handler;
        _openSession = openSession;
        _closeSession = closeSession;
        var serviceUuid = BleUuids.Normalize(options.ServiceUuid);
        var servicePath = root + "/service0";
        AdvertisementPath = root + "/advertisement0";
        _objects[servicePath] = new InterfaceMap(StringComparer.Ordinal)
        {
            [BlueZNames.GattService] = new(StringComparer.Ordinal)
            {
                ["UUID"] = VariantValue.String(serviceUuid),
                ["Primary"] = VariantValue.Bool(true),
            },
        };
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var (name, id) = options.Endpoints[i];
            var charPath = $"{servicePath}/char{i:x4}";
            _endpointByCharacteristic[charPath] = name;
            _objects[charPath] = new InterfaceMap(StringComparer.Ordinal)
            {
                [BlueZNames.GattCharacteristic] = new(StringComparer.Ordinal)
                {
                    ["UUID"] = VariantValue.String(BleUuids.Characteristic(serviceUuid, id)),
                    ["Service"] = VariantValue.ObjectPath(servicePath),
                    ["Flags"] = VariantValue.Array(new[] { "read", "write" }),
                },
            };
            if (options.UserDescriptions)
            {
                var descPath = charPath + "/desc0";
                _nameByDescriptor[descPath] = name;
                _objects[descPath] = new InterfaceMap(StringComparer.Ordinal)
                {
                    [BlueZNames.GattDescriptor] = new(StringComparer.Ordinal)
                    {
                        ["UUID"] = VariantValue.String(BleUuids.UserDescription),
                        ["Characteristic"] = VariantValue.ObjectPath(charPath),
                        ["Flags"] = VariantValue.Array(new[] { "read" }),
                    },
                };
            }
        }

        Advertisement = new InterfaceMap(StringComparer.Ordinal)
        {
            [BlueZNames.Advertisement] = new(StringComparer.Ordinal)
            {
                ["Type"] = VariantValue.String("peripheral"),
                ["LocalName"] = VariantValue.String(options.ServiceName),
                ["ServiceUUIDs"] = VariantValue.Array(new[] { serviceUuid }),
            },
        };
    }

    public string AdvertisementPath { get; }

    private InterfaceMap Advertisement { get; }

    /// <summary>The sessions currently open, by central device path.</summary>
    public IReadOnlyDictionary<string, uint> Sessions => _sessions;

    protected override async Task HandleAsync(MethodContext context)
    {
        var request = context.Request;
        var path = request.PathAsString ?? string.Empty;
        var member = request.MemberAsString;
        switch (request.InterfaceAsString)
        {
            case BlueZNames.ObjectManager when path == Path && member == "GetManagedObjects":
                ReplyManagedObjects(context, _objects);
                return;
            case BlueZNames.Properties when path == AdvertisementPath:
                TryReplyProperties(context, Advertisement);
                return;
            case BlueZNames.Properties when _objects.TryGetValue(path, out var interfaces):
                TryReplyProperties(context, interfaces);
                return;
            case BlueZNames.Advertisement when path == AdvertisementPath && member == "Release":
                ReplyEmpty(context);
                return;
            case BlueZNames.GattDescriptor when member == "ReadValue" && _nameByDescriptor.TryGetValue(path, out var name):
                var (_, descOffset) = ReadOptions(context);
                ReplyBytes(context, Slice(Encoding.ASCII.GetBytes(name), descOffset));
                return;
            case BlueZNames.GattCharacteristic when member == "ReadValue" && _endpointByCharacteristic.ContainsKey(path):
                var (readDevice, offset) = ReadOptions(context);
                ReplyBytes(context, Slice(_values.TryGetValue((readDevice, path), out var stored) ? stored : [], offset));
                return;
            case BlueZNames.GattCharacteristic when member == "WriteValue" && _endpointByCharacteristic.TryGetValue(path, out var endpoint):
                var (value, device) = ReadWrite(context);
                var sessionId = SessionFor(device);
                var response = await _handler(endpoint, sessionId, value, _stopping.Token).ConfigureAwait(false);
                _values[(device, path)] = response;
                ReplyEmpty(context);
                return;
            default:
                throw new DBusMethodError(BlueZNames.ErrorUnknownMethod, $"{request.InterfaceAsString}.{member} is not handled at {path}.");
        }
    }

    private static ReadOnlySpan<byte> Slice(byte[] value, int offset)
    {
        if (offset > value.Length)
        {
            throw new DBusMethodError("org.bluez.Error.InvalidOffset", $"Offset {offset} is past the {value.Length}-byte value.");
        }

        return value.AsSpan(offset);
    }

    private static (string Device, int Offset) ReadOptions(MethodContext context)
    {
        var options = context.Request.GetBodyReader().ReadDictionaryOfStringToVariantValue();
        return (options.GetPath("device") ?? string.Empty, options.TryGetValue("offset", out var o) && o.Type == VariantValueType.UInt16 ? o.GetUInt16() : 0);
    }

    private static (byte[] Value, string Device) ReadWrite(MethodContext context)
    {
        var reader = context.Request.GetBodyReader();
        var value = reader.ReadArrayOfByte();
        var options = reader.ReadDictionaryOfStringToVariantValue();
        if (value.Length == 0)
        {
            throw new DBusMethodError("org.bluez.Error.InvalidValueLength", "Zero-length write.");
        }

        return (value, options.GetPath("device") ?? string.Empty);
    }

    private uint SessionFor(string device)
    {
        lock (_sessionLock)
        {
            if (_sessions.TryGetValue(device, out var id))
            {
                return id;
            }

            id = ++_nextSession;
            _sessions[device] = id;
            _openSession(id);
            return id;
        }
    }

    /// <summary>A central went away: close its session and forget its stored values (ESP-IDF clears them on disconnect).</summary>
    public void OnDisconnected(string device)
    {
        lock (_sessionLock)
        {
            if (!_sessions.TryRemove(device, out var id))
            {
                return;
            }

            foreach (var key in _values.Keys.Where(k => k.Device == device).ToList())
            {
                _values.TryRemove(key, out _);
            }

            _closeSession(id);
        }
    }

    /// <summary>Closes every open session.</summary>
    public void CloseAll()
    {
        _stopping.Cancel();
        foreach (var device in _sessions.Keys.ToList())
        {
            OnDisconnected(device);
        }
    }
}
