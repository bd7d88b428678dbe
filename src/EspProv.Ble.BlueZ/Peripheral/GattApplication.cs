using System.Collections.Concurrent;
using System.Text;
using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.BlueZ.Peripheral;

/// <summary>
/// The exported object tree BlueZ reads on RegisterApplication/RegisterAdvertisement: one service, one
/// read/write characteristic per endpoint, a 0x2901 descriptor per characteristic, and the advertisement.
/// Writes assemble a request per central (honouring "offset"); the central's next read of the characteristic
/// runs the handler on the whole request and returns the response (honouring "offset").
/// </summary>
internal sealed class GattApplication : DeferredMethodHandler
{
    private readonly BlePeripheralOptions _options;
    private readonly Func<string, uint, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> _handler;
    private readonly Func<uint, CancellationToken, Task> _openSession;
    private readonly Func<uint, CancellationToken, Task> _closeSession;
    private readonly Dictionary<string, string> _endpointByCharacteristic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameByDescriptor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceMap> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CentralState> _centrals = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private uint _nextSession;

    public GattApplication(string root, BlePeripheralOptions options, Func<string, uint, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> handler, Func<uint, CancellationToken, Task> openSession, Func<uint, CancellationToken, Task> closeSession)
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

    /// <summary>The number of centrals with an open session.</summary>
    public int OpenSessions => _centrals.Count;

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
            case BlueZNames.GattCharacteristic when member == "ReadValue" && _endpointByCharacteristic.TryGetValue(path, out var readEndpoint):
                var (readingCentral, offset) = ReadOptions(context);
                ReplyBytes(context, Slice(await ReadAsync(RequireDevice(readingCentral, member), path, readEndpoint).ConfigureAwait(false), offset));
                return;
            case BlueZNames.GattCharacteristic when member == "WriteValue" && _endpointByCharacteristic.ContainsKey(path):
                var (value, writingCentral, writeOffset) = ReadWrite(context);
                await WriteAsync(RequireDevice(writingCentral, member), path, value, writeOffset).ConfigureAwait(false);
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

    /// <summary>
    /// BlueZ gives the application no "execute" and joins only prepared writes queued back to back, so a request
    /// may arrive in several writes; protocomm's client always reads the answer, so the read is where the request
    /// is known to be whole and is handled, once.
    /// </summary>
    private async Task<byte[]> ReadAsync(string device, string characteristic, string endpoint)
    {
        if (!_centrals.TryGetValue(device, out var central))
        {
            return [];
        }

        await central.Gate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            if (central.IsClosed || central.Session is not { } session)
            {
                return [];
            }

            if (central.TryTakeRequest(characteristic, out var request))
            {
                // A failed request must not leave the previous answer to be read as if it were this one's.
                central.SetResponse(characteristic, null);
                central.SetResponse(characteristic, await _handler(endpoint, session, request, _stopping.Token).ConfigureAwait(false));
            }

            return central.Response(characteristic);
        }
        finally
        {
            central.Gate.Release();
        }
    }

    /// <summary>A central's first write opens its session (protocomm_ble opens one per connection); a central gone meanwhile is replaced by a new one.</summary>
    private async Task WriteAsync(string device, string characteristic, byte[] value, int offset)
    {
        while (true)
        {
            var central = _centrals.GetOrAdd(device, static _ => new CentralState());
            await central.Gate.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                if (central.IsClosed)
                {
                    continue;
                }

                if (central.Session is null)
                {
                    var session = Interlocked.Increment(ref _nextSession);
                    await _openSession(session, _stopping.Token).ConfigureAwait(false);
                    central.Session = session;
                }

                central.Write(characteristic, value, offset);
                return;
            }
            finally
            {
                central.Gate.Release();
            }
        }
    }

    /// <summary>bluetoothd always names the central; without it there is no session to answer in, and guessing one would mix centrals.</summary>
    private static string RequireDevice(string? device, string? member) =>
        device ?? throw new DBusMethodError(BlueZNames.ErrorInvalidArguments, $"{member} without a \"device\" option.");

    private static (string? Device, int Offset) ReadOptions(MethodContext context)
    {
        var options = context.Request.GetBodyReader().ReadDictionaryOfStringToVariantValue();
        return (options.GetPath("device"), Offset(options));
    }

    private static (byte[] Value, string? Device, int Offset) ReadWrite(MethodContext context)
    {
        var reader = context.Request.GetBodyReader();
        var value = reader.ReadArrayOfByte();
        var options = reader.ReadDictionaryOfStringToVariantValue();
        if (value.Length == 0)
        {
            throw new DBusMethodError(BlueZNames.ErrorInvalidValueLength, "Zero-length write.");
        }

        return (value, options.GetPath("device"), Offset(options));
    }

    private static int Offset(PropertyMap options) => options.TryGetValue("offset", out var o) && o.Type == VariantValueType.UInt16 ? o.GetUInt16() : 0;

    /// <summary>
    /// A central went away: close its session and forget what it wrote and may read (ESP-IDF clears them on disconnect).
    /// The close waits for the central's request in progress, so it never overtakes the session's opening.
    /// </summary>
    public async Task OnDisconnectedAsync(string device)
    {
        if (!_centrals.TryRemove(device, out var central))
        {
            return;
        }

        await central.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            central.IsClosed = true;
            if (central.Session is { } session)
            {
                await _closeSession(session, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            central.Gate.Release();
        }
    }

    /// <summary>Cancels the requests in progress and closes every open session.</summary>
    public async Task CloseAllAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var device in _centrals.Keys.ToList())
        {
            await OnDisconnectedAsync(device).ConfigureAwait(false);
        }
    }
}
