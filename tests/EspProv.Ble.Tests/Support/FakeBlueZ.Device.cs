using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.Tests.Support;

internal sealed partial class FakeBlueZ
{
    private Task HandleDeviceAsync(MethodContext context, FakeDevice device, string member)
    {
        switch (member)
        {
            case "Connect":
                Interlocked.Increment(ref device.ConnectCalls);
                if (device.FailConnects > 0)
                {
                    device.FailConnects--;
                    throw new DBusMethodError(BlueZNames.ErrorFailed, "le-connection-abort-by-local");
                }

                if (!device.Connected)
                {
                    device.Connected = true;
                    var connected = Interlocked.Increment(ref _connected);
                    while (Volatile.Read(ref MostConnectedAtOnce) is var most && connected > most && Interlocked.CompareExchange(ref MostConnectedAtOnce, connected, most) != most)
                    {
                    }

                    device.Gatt.OnConnected(device.CentralPath);
                    EmitPropertiesChanged(device.Path, BlueZNames.Device, new() { ["Connected"] = VariantValue.Bool(true) });
                    ReplyEmpty(context);

                    // As in bluetoothd, the GATT objects and ServicesResolved follow the Connect reply.
                    if (!device.NeverResolveServices)
                    {
                        foreach (var (path, interfaces) in GattObjects(device))
                        {
                            EmitInterfacesAdded(path, interfaces);
                        }

                        EmitPropertiesChanged(device.Path, BlueZNames.Device, new() { ["ServicesResolved"] = VariantValue.Bool(true) });
                    }

                    return Task.CompletedTask;
                }

                ReplyEmpty(context);
                return Task.CompletedTask;
            case "Disconnect":
                if (device.Connected)
                {
                    DropLink(device);
                }

                ReplyEmpty(context);
                return Task.CompletedTask;
            case "Pair":
                Interlocked.Increment(ref device.PairCalls);
                if (device.Paired)
                {
                    throw new DBusMethodError(BlueZNames.ErrorAlreadyExists, "Already Exists");
                }

                Bond(device);
                ReplyEmpty(context);
                return Task.CompletedTask;
            default:
                throw new DBusMethodError(BlueZNames.ErrorUnknownMethod, $"Device1.{member} is not faked.");
        }
    }

    private async Task HandleGattAsync(MethodContext context, FakeDevice device, string path, string? @interface, string member)
    {
        if (!device.Connected || device.NeverResolveServices)
        {
            throw new DBusMethodError(BlueZNames.ErrorUnknownObject, $"No object at {path}.");
        }

        var index = Enumerable.Range(0, device.Gatt.Characteristics.Count).FirstOrDefault(i => path.StartsWith(CharacteristicPath(device, i), StringComparison.Ordinal), -1);
        if (index < 0)
        {
            throw new DBusMethodError(BlueZNames.ErrorUnknownObject, $"No object at {path}.");
        }

        if (@interface == BlueZNames.GattDescriptor && member == "ReadValue")
        {
            ReplyBytes(context, await device.Gatt.ReadDescriptorAsync(index, CancellationToken.None));
            return;
        }

        if (device.RequiresPairing && !device.Paired)
        {
            if (!device.PairsOnItsOwn)
            {
                throw new DBusMethodError(BlueZNames.ErrorNotPermitted, "Insufficient Authentication");
            }

            Bond(device);
        }

        switch (@interface, member)
        {
            case (BlueZNames.GattCharacteristic, "WriteValue"):
                var value = context.Request.GetBodyReader().ReadArrayOfByte();
                var endpoint = device.Gatt.Characteristics[index].Description;
                if (device.DisconnectOnWriteTo is not null
                    && (endpoint == device.DisconnectOnWriteTo || device.Gatt.Characteristics[index].Uuid == device.DisconnectOnWriteTo))
                {
                    DropLink(device);
                    throw new DBusMethodError(BlueZNames.ErrorFailed, "Not connected");
                }

                if (endpoint is not null && endpoint == device.HangOnWriteTo)
                {
                    await Task.Delay(Timeout.Infinite, _stopping.Token);
                }

                await device.Gatt.WriteAsync(index, device.CentralPath, value, CancellationToken.None);
                ReplyEmpty(context);
                return;
            case (BlueZNames.GattCharacteristic, "ReadValue"):
                ReplyBytes(context, await device.Gatt.ReadAsync(index, device.CentralPath, CancellationToken.None));
                return;
            default:
                throw new DBusMethodError(BlueZNames.ErrorUnknownMethod, $"{@interface}.{member} is not faked.");
        }
    }

    private void Bond(FakeDevice device)
    {
        device.Paired = true;
        device.Bonded = true;
        EmitPropertiesChanged(device.Path, BlueZNames.Device, new() { ["Paired"] = VariantValue.Bool(true), ["Bonded"] = VariantValue.Bool(true) });
    }

    /// <summary>The link is gone: Connected and ServicesResolved turn false, GATT objects vanish, the peripheral hears it.</summary>
    private void DropLink(FakeDevice device)
    {
        var gattPaths = GattObjects(device).Select(o => o.Key).Reverse().ToList();
        device.Connected = false;
        Interlocked.Decrement(ref _connected);
        device.Gatt.OnDisconnected(device.CentralPath);
        EmitPropertiesChanged(device.Path, BlueZNames.Device, new() { ["ServicesResolved"] = VariantValue.Bool(false), ["Connected"] = VariantValue.Bool(false) });
        foreach (var path in gattPaths)
        {
            EmitInterfacesRemoved(path, [BlueZNames.GattService, BlueZNames.GattCharacteristic, BlueZNames.GattDescriptor]);
        }

        // The peripheral side's view of the same link: its central disconnected.
        EmitPropertiesChanged(device.CentralPath, BlueZNames.Device, new() { ["Connected"] = VariantValue.Bool(false) });
    }
}
