using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.Tests.Support;

internal sealed partial class FakeBlueZ
{
    private async Task HandleAdapterAsync(MethodContext context, string? @interface, string member)
    {
        switch (@interface, member)
        {
            case (BlueZNames.Properties, _):
                TryReplyProperties(context, Snapshot()[AdapterPath]);
                return;
            case (BlueZNames.Adapter, "SetDiscoveryFilter"):
                LastDiscoveryFilter = context.Request.GetBodyReader().ReadDictionaryOfStringToVariantValue();
                ReplyEmpty(context);
                return;
            case (BlueZNames.Adapter, "StartDiscovery"):
                RequirePowered();
                Interlocked.Increment(ref StartDiscoveryCalls);
                Discovering = true;

                // Announce before replying, as a device that was already advertising would be heard at once.
                Announce();
                ReplyEmpty(context);
                return;
            case (BlueZNames.Adapter, "StopDiscovery"):
                if (!Discovering)
                {
                    throw new DBusMethodError(BlueZNames.ErrorFailed, "No discovery started");
                }

                Discovering = false;
                ReplyEmpty(context);
                return;
            case (BlueZNames.Adapter, "RemoveDevice"):
                RemoveDevice(context.Request.GetBodyReader().ReadObjectPathAsString());
                ReplyEmpty(context);
                return;
            case (BlueZNames.GattManager, "RegisterApplication"):
                var (root, owner) = ReadRegistration(context);
                _applications[owner] = await RemoteGatt.LoadAsync(_connection, owner, root);
                ReplyEmpty(context);
                return;
            case (BlueZNames.GattManager, "UnregisterApplication"):
                _applications.TryRemove(context.Request.SenderAsString ?? string.Empty, out _);
                ReplyEmpty(context);
                return;
            case (BlueZNames.AdvertisingManager, "RegisterAdvertisement"):
                await RegisterAdvertisementAsync(context);
                return;
            case (BlueZNames.AdvertisingManager, "UnregisterAdvertisement"):
                var sender = context.Request.SenderAsString;
                foreach (var gone in _known.Values.Where(d => d.Gatt is RemoteGatt remote && _applications.TryGetValue(sender ?? string.Empty, out var app) && app == remote).ToList())
                {
                    _known.TryRemove(gone.Path, out _);
                }

                ReplyEmpty(context);
                return;
            default:
                throw new DBusMethodError(BlueZNames.ErrorUnknownMethod, $"{@interface}.{member} is not faked.");
        }
    }

    private void RequirePowered()
    {
        if (!Powered)
        {
            throw new DBusMethodError("org.bluez.Error.NotReady", "Resource Not Ready");
        }
    }

    private static (string Path, string Owner) ReadRegistration(MethodContext context) =>
        (context.Request.GetBodyReader().ReadObjectPathAsString(), context.Request.SenderAsString ?? throw new DBusMethodError(BlueZNames.ErrorFailed, "No sender"));

    private async Task RegisterAdvertisementAsync(MethodContext context)
    {
        var (path, owner) = ReadRegistration(context);
        if (!_applications.TryGetValue(owner, out var gatt))
        {
            throw new DBusMethodError(BlueZNames.ErrorFailed, "Register the GATT application first (the fake pairs them by sender).");
        }

        var advertisement = await DBusCalls.GetAllPropertiesAsync(_connection, owner, path, BlueZNames.Advertisement);
        var number = Interlocked.Increment(ref _registrations);
        var device = new FakeDevice(advertisement.GetString("LocalName"), $"24:0A:C4:00:AD:{number:X2}", gatt)
        {
            AdvertiseServiceUuid = advertisement.GetStrings("ServiceUUIDs").Length > 0,
        };
        Add(device);
        ReplyEmpty(context);
        AdvertisementRegistered.TrySetResult(device);
    }

    /// <summary>Each known device is heard once: InterfacesAdded when new, then an RSSI update.</summary>
    private void Announce()
    {
        foreach (var device in _known.Values.OrderBy(d => d.Order))
        {
            if (_exported.TryAdd(device.Path, device))
            {
                var first = DeviceProperties(device);
                first["RSSI"] = VariantValue.Int16(device.FirstRssi);
                EmitInterfacesAdded(device.Path, new() { [BlueZNames.Device] = first });
            }

            EmitPropertiesChanged(device.Path, BlueZNames.Device, new() { ["RSSI"] = VariantValue.Int16(device.Rssi) });
        }
    }

    private void RemoveDevice(string path)
    {
        if (!_exported.TryRemove(path, out var device))
        {
            throw new DBusMethodError(BlueZNames.ErrorDoesNotExist, "Does Not Exist");
        }

        Interlocked.Increment(ref device.RemoveCalls);
        if (device.Connected)
        {
            DropLink(device);
        }

        // As bluetoothd: removing a device deletes its keys; when it advertises again it is a stranger.
        device.Paired = false;
        device.Bonded = false;

        EmitInterfacesRemoved(path, [BlueZNames.Device, BlueZNames.Properties]);
    }
}
