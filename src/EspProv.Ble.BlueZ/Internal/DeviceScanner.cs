using System.Collections.Concurrent;
using System.Threading.Channels;

namespace EspProv.Ble.BlueZ.Internal;

/// <summary>
/// One BlueZ discovery session on its own bus connection: follows InterfacesAdded (new devices) and
/// PropertiesChanged (RSSI on each advertisement) under the adapter, and reports every device as it is heard,
/// with everything BlueZ knows of it so far.
/// </summary>
internal sealed class DeviceScanner : IBleScan
{
    private readonly DBusConnection _connection;
    private readonly string _adapterPath;
    private readonly string? _serviceUuid;
    private readonly ConcurrentDictionary<string, PropertyMap> _devices = new(StringComparer.Ordinal);
    private readonly Channel<BleDeviceInfo> _reports = Channel.CreateUnbounded<BleDeviceInfo>();
    private readonly List<IDisposable> _subscriptions = [];
    private bool _discovering;

    private DeviceScanner(DBusConnection connection, string adapterPath, string? serviceUuid)
    {
        _connection = connection;
        _adapterPath = adapterPath;
        _serviceUuid = serviceUuid;
    }

    /// <inheritdoc />
    public ChannelReader<BleDeviceInfo> Reports => _reports.Reader;

    /// <summary>
    /// Subscribes, sets the discovery filter, starts discovery and reports devices BlueZ already saw advertising.
    /// Owns <paramref name="connection"/> from here on.
    /// </summary>
    public static async Task<DeviceScanner> StartAsync(DBusConnection connection, string adapterPath, string? serviceUuid, CancellationToken cancellationToken)
    {
        var scanner = new DeviceScanner(connection, adapterPath, serviceUuid);
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
        if (_serviceUuid is not null)
        {
            filter["UUIDs"] = VariantValue.Array(new[] { _serviceUuid });
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
        if (ToInfo(path, properties) is { } info)
        {
            _reports.Writer.TryWrite(info);
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
        return new BleDeviceInfo(properties.GetString("Name"), address, properties.GetInt16("RSSI"), uuids) { PlatformId = path };
    }

    /// <summary>Stops discovery (errors ignored: the adapter may be gone), drops the subscriptions and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
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

        _connection.Dispose();
    }
}
