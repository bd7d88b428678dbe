using System.Collections.Concurrent;
using System.Text;
using EspProv.Simulator;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>
/// A link to a <see cref="FakePeripheral"/>: one protocomm session per connection (as ESP-IDF's BLE transport
/// keeps one), a write runs the device engine and stores its answer, a read returns it. Values go and come whole,
/// as every platform's GATT client makes long writes and reads itself (<see cref="IBlePeripheralLink"/> has no
/// offsets): what the shared layer must get right is handing over and returning exactly the bytes.
/// </summary>
internal sealed class FakeBleLink : IBlePeripheralLink
{
    private readonly FakePeripheral _peripheral;
    private readonly uint _session;
    private readonly Task _opened;
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    public FakeBleLink(FakePeripheral peripheral)
    {
        _peripheral = peripheral;
        _session = peripheral.NextSession();
        _opened = peripheral.Device.OpenSessionAsync(_session);
    }

    public Task Disconnected => _disconnected.Task;

    public int? Mtu => _peripheral.Mtu;

    public async Task<IReadOnlyList<BleGattService>> GetServicesAsync(CancellationToken cancellationToken)
    {
        if (_peripheral.NeverResolveServices)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (_peripheral.ServiceDiscoveryFaults.TryDequeue(out var fault))
        {
            if (fault.DropLink)
            {
                Drop();
            }

            throw fault.Error;
        }

        var p = _peripheral;
        var provisioning = new BleGattService(p.ServiceUuid, "svc", p.Device.Endpoints.Select(e => new BleGattCharacteristic(
            BleUuids.Characteristic(p.ServiceUuid, e.BleId),
            e.Name,
            p.UserDescriptions ? [new BleGattDescriptor(BleUuids.UserDescription, "desc/" + e.Name)] : [])).ToList());

        // Generic Access comes first on every device; it must not be taken for the provisioning service.
        var genericAccess = new BleGattService("00001800-0000-1000-8000-00805f9b34fb", "gap", [new BleGattCharacteristic("00002a00-0000-1000-8000-00805f9b34fb", "gap/name", [])]);
        return [genericAccess, provisioning];
    }

    public async Task<byte[]> ReadAsync(BleGattAttribute attribute, CancellationToken cancellationToken)
    {
        var p = _peripheral;
        if (attribute is BleGattDescriptor)
        {
            if (p.HangOnDescriptorRead)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (p.DescriptorReadError is { } error)
            {
                throw error;
            }

            if (p.DescriptorsRequirePairing && !p.Bonded)
            {
                throw BleGattException.Att(BleAttErrors.InsufficientEncryption);
            }

            return Encoding.ASCII.GetBytes(attribute.Handle["desc/".Length..]);
        }

        if (p.FailReadOf is { } failure && failure.Endpoint == attribute.Handle)
        {
            throw failure.Error;
        }

        if (p.DisconnectOnReadOf == attribute.Handle)
        {
            Drop();
            throw new BleGattException(BleGattError.Disconnected, "the device disconnected (fake)");
        }

        return _values.TryGetValue(attribute.Handle, out var stored) ? stored : [];
    }

    public async Task WriteAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var p = _peripheral;
        var endpoint = characteristic.Handle;
        if (_disconnected.Task.IsCompleted)
        {
            throw new BleGattException(BleGattError.Disconnected, "not connected (fake)");
        }

        if (p.RequiresPairing && (!p.Bonded || p.PairingIsNotEnough))
        {
            throw p.PairingDemandWithoutAttCode
                ? new BleGattException(BleGattError.AuthenticationRequired, "Authentication Required (fake)")
                : BleGattException.Att(BleAttErrors.InsufficientAuthentication);
        }

        if (p.FailWriteTo is { } failure && failure.Endpoint == endpoint)
        {
            throw failure.Error;
        }

        if (p.HangOnWriteTo == endpoint)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (p.DisconnectOnWriteTo == endpoint)
        {
            Drop();
            await _disconnected.Task;
            throw new BleGattException(BleGattError.Disconnected, "the device disconnected (fake)");
        }

        p.Received.Enqueue((endpoint, value.ToArray()));
        await _opened;
        try
        {
            _values[endpoint] = await p.Device.HandleAsync(endpoint, _session, value, cancellationToken);
        }
        catch (DeviceRequestFailedException)
        {
            // protocomm_ble answers a failed handler with ESP_GATT_INVALID_PDU.
            throw BleGattException.Att(BleAttErrors.InvalidPdu);
        }
    }

    public async Task PairAsync(CancellationToken cancellationToken)
    {
        _peripheral.PairCalls++;
        if (_peripheral.PairHangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (_peripheral.PairFails)
        {
            throw new BleGattException(BleGattError.Failed, "Authentication Failed (fake)");
        }

        _peripheral.Bonded = true;
    }

    public Task<bool> IsConnectedAsync(CancellationToken cancellationToken) => Task.FromResult(!_disconnected.Task.IsCompleted);

    public ValueTask DisposeAsync()
    {
        _peripheral.Disconnects++;
        Drop();
        return _peripheral.DisposeError is { } error ? ValueTask.FromException(error) : ValueTask.CompletedTask;
    }

    private void Drop()
    {
        if (_disconnected.TrySetResult())
        {
            _ = _peripheral.Device.CloseSessionAsync(_session);
        }
    }
}
