using System.Collections.Concurrent;
using System.Threading.Channels;

namespace EspProv.Ble.BlueZ.Internal;

/// <summary>
/// One BlueZ discovery session: follows InterfacesAdded (new devices) and PropertiesChanged (RSSI on each
/// advertisement) under the adapter, and reports every device that matches the filter as it is seen.
/// </summary>
internal sealed class DeviceScanner : IAsyncDisposable
{
    private readonly DBusConnection _connection;
    private readonly string _adapterPath;
    private readonly BleDeviceFilter _filter;
    private readonly ConcurrentDictionary<string, PropertyMap> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private readonly Channel<BleDeviceInfo> _matches = Channel.CreateUnbounded<BleDeviceInfo>();
    private readonly List<IDisposable> _subscriptions = [];
    private bool _discovering;

    private DeviceScanner(DBusConnection connection, string adapterPath, BleDeviceFilter filter)
    {
        _connection = connection;
        _adapterPath = adapterPath;
        _filter = filter;
    }

    /// <summary>Matching devices, each time one is seen (so a device may appear more than once).</summary>
    public ChannelReader<BleDeviceInfo> Matches => _matches.Reader;

    /// <summary>The latest state of every matching device seen in this session, keyed by object path.</summary>
    public IReadOnlyList<BleDeviceInfo> Snapshot() =>
        _seen.Keys.Select(p => _devices.TryGetValue(p, out var props) ? ToInfo(p, props) : null)
            .OfType<BleDeviceInfo>().Where(_filter.Matches).ToList();

    /// <summary>Subscribes, sets the filter, starts discovery and reports devices BlueZ already saw advertising.</summary>
    public static async Task<DeviceScanner> StartAsync(DBusConnection connection, string adapterPath, BleDeviceFilter filter, CancellationToken cancellationToken)
    {
        var scanner = new DeviceScanner(connection, adapterPath, filter);
        try
        {
            await scanner.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return scanner;
        }
        catch
        {
            await scanner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(await SignalWatch.InterfacesAddedAsync(_connection, BlueZNames.Service, OnInterfacesAdded).ConfigureAwait(false));
        _subscriptions.Add(await SignalWatch.PropertiesChangedAsync(_connection, BlueZNames.Service, _adapterPath, OnPropertiesChanged).ConfigureAwait(false));

        var filter = new PropertyMap(StringComparer.Ordinal)
        {
            ["Transport"] = VariantValue.String("le"),
            ["DuplicateData"] = VariantValue.Bool(true),
        };
        if (_filter.ServiceUuid is not null)
        {
            filter["UUIDs"] = VariantValue.Array(new[] { BleUuids.Normalize(_filter.ServiceUuid) });
        }

        await DBusCalls.CallWithOptionsAsync(_connection, BlueZNames.Service, _adapterPath, BlueZNames.Adapter, "SetDiscoveryFilter", filter)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DBusCalls.CallAsync(_connection, BlueZNames.Service, _adapterPath, BlueZNames.Adapter, "StartDiscovery")
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException exception) when (exception.ErrorName == BlueZNames.ErrorInProgress)
        {
            // Someone else is already scanning; their discovery feeds us too.
        }

        _discovering = true;

        // Devices cached from earlier scans: only those with an RSSI were heard recently enough to count.
        var objects = await DBusCalls.GetManagedObjectsAsync(_connection, BlueZNames.Service, "/").WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (path, interfaces) in objects)
        {
            if (IsOurDevice(path) && interfaces.TryGetValue(BlueZNames.Device, out var properties))
            {
                var merged = _devices.AddOrUpdate(path, properties, (_, existing) => Merge(properties, existing));
                if (merged.GetInt16("RSSI") is not null)
                {
                    Report(path, merged);
                }
            }
        }
    }

    private bool IsOurDevice(string path) => path.StartsWith(_adapterPath + "/dev_", StringComparison.Ordinal) && path.IndexOf('/', _adapterPath.Length + 1) < 0;

    private void OnInterfacesAdded(string path, InterfaceMap interfaces)
    {
        if (IsOurDevice(path) && interfaces.TryGetValue(BlueZNames.Device, out var properties))
        {
            Report(path, _devices.AddOrUpdate(path, properties, (_, existing) => Merge(existing, properties)));
        }
    }

    private void OnPropertiesChanged(string path, string @interface, PropertyMap changed)
    {
        if (@interface != BlueZNames.Device || !IsOurDevice(path))
        {
            return;
        }

        var merged = _devices.AddOrUpdate(path, changed, (_, existing) => Merge(existing, changed));
        if (changed.ContainsKey("RSSI") || changed.ContainsKey("ManufacturerData") || changed.ContainsKey("Name"))
        {
            Report(path, merged);
        }
    }

    private void Report(string path, PropertyMap properties)
    {
        var info = ToInfo(path, properties);
        _seen[path] = true;
        if (info is not null && _filter.Matches(info))
        {
            _matches.Writer.TryWrite(info);
        }
    }

    private static PropertyMap Merge(PropertyMap existing, PropertyMap changed)
    {
        var merged = new PropertyMap(existing, StringComparer.Ordinal);
        foreach (var (key, value) in changed)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static BleDeviceInfo? ToInfo(string path, PropertyMap properties)
    {
        var address = properties.GetString("Address");
        if (address is null)
        {
            return null;
        }

        var uuids = properties.GetStrings("UUIDs").Select(u => u.ToLowerInvariant()).ToArray();
        return new BleDeviceInfo(properties.GetString("Name"), address, properties.GetInt16("RSSI"), uuids) { ObjectPath = path };
    }

    /// <summary>Stops discovery (errors ignored: the adapter may be gone) and drops the subscriptions.</summary>
    public async ValueTask DisposeAsync()
    {
        _matches.Writer.TryComplete();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        if (_discovering)
        {
            _discovering = false;
            try
            {
                await DBusCalls.CallAsync(_connection, BlueZNames.Service, _adapterPath, BlueZNames.Adapter, "StopDiscovery").ConfigureAwait(false);
            }
            catch (DBusExceptionBase)
            {
                // Not discovering any more, or BlueZ went away: nothing to undo.
            }
        }
    }
}
