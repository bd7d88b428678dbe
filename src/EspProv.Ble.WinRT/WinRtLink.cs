using System.Globalization;
using System.Runtime.InteropServices.WindowsRuntime;

namespace EspProv.Ble.WinRT;

/// <summary>
/// One device through WinRT: a <see cref="BluetoothLEDevice"/> with a <see cref="GattSession"/> that keeps the link
/// up, uncached GATT discovery, reads and <c>WriteValueWithResultAsync</c> with response, and custom pairing that
/// accepts what a "Just Works" ESP32 asks for.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows10.0.19041.0")]
internal sealed class WinRtLink : IBlePeripheralLink
{
    private readonly BluetoothLEDevice _device;
    private readonly GattSession _session;
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, GattCharacteristic> _characteristics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GattDescriptor> _descriptors = new(StringComparer.Ordinal);
    private readonly List<GattDeviceService> _services = [];
    private int _disposed;
    private volatile bool _wasConnected;

    private WinRtLink(BluetoothLEDevice device, GattSession session)
    {
        _device = device;
        _session = session;
    }

    public Task Disconnected => _disconnected.Task;

    public int? Mtu
    {
        get
        {
            // Information only: a session that cannot say is "unknown", and the next GATT call reports the failure.
            try
            {
                return WinRtErrors.Call(() => (int?)_session.MaxPduSize, "Reading the MTU");
            }
            catch (BleGattException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Opens the device and a session that asks Windows to connect and stay connected. Windows reaches the device
    /// only on the first GATT request, so a device out of range fails in <see cref="GetServicesAsync"/>, not here.
    /// </summary>
    public static async Task<WinRtLink> ConnectAsync(ulong address, CancellationToken cancellationToken)
    {
        var device = await WinRtErrors.CallAsync(() => BluetoothLEDevice.FromBluetoothAddressAsync(address).AsTask(cancellationToken), "Opening the device").ConfigureAwait(false)
            ?? throw new BleGattException(BleGattError.Failed, $"Windows does not know a BLE device at {WinRtMapping.FormatAddress(address)}");
        WinRtLink? link = null;
        try
        {
            var session = await WinRtErrors.CallAsync(() => GattSession.FromDeviceIdAsync(device.BluetoothDeviceId).AsTask(cancellationToken), "Opening a GATT session").ConfigureAwait(false)
                ?? throw new BleGattException(BleGattError.Failed, $"Windows gave no GATT session for {WinRtMapping.FormatAddress(address)}");
            link = new WinRtLink(device, session);
            WinRtErrors.Run(link.Listen, "Watching the connection state");

            // Only now: asking Windows to connect before the link listens could let the Connected event go unheard.
            WinRtErrors.Run(() => session.MaintainConnection = true, "Asking Windows to connect");
            return link;
        }
        catch
        {
            // Once made, the link owns the session and the device; releasing either never throws.
            if (link is not null)
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                WinRtErrors.Quietly(device.Dispose);
            }

            throw;
        }
    }

    private void Listen()
    {
        _device.ConnectionStatusChanged += OnConnectionStatusChanged;

        // A link Windows already holds (a bonded device, another app) raises no Connected event of its own; a drop
        // of it must still count. Read after subscribing, so that no change falls between the two.
        if (_device.ConnectionStatus == BluetoothConnectionStatus.Connected)
        {
            _wasConnected = true;
        }
    }

    private void OnConnectionStatusChanged(BluetoothLEDevice sender, object args)
    {
        // Thrown back into the event source, a failure would end the process; a status that cannot be read is a
        // device that went away.
        bool connected;
        try
        {
            connected = WinRtErrors.Call(() => sender.ConnectionStatus == BluetoothConnectionStatus.Connected, "Reading the connection state");
        }
        catch (BleGattException)
        {
            connected = false;
        }

        // Windows connects on the first GATT request; only a drop after that counts.
        if (connected)
        {
            _wasConnected = true;
        }
        else if (_wasConnected)
        {
            _disconnected.TrySetResult();
        }
    }

    // Wrapped whole: the result objects' properties are calls into the platform too.
    public Task<IReadOnlyList<BleGattService>> GetServicesAsync(CancellationToken cancellationToken) =>
        WinRtErrors.CallAsync(() => DiscoverAsync(cancellationToken), "Discovering services");

    private async Task<IReadOnlyList<BleGattService>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var result = await WinRtErrors.CallAsync(() => _device.GetGattServicesAsync(BluetoothCacheMode.Uncached).AsTask(cancellationToken), "Discovering services").ConfigureAwait(false);
        WinRtErrors.ThrowIfFailed(result.Status, result.ProtocolError, "Discovering services");
        var services = new List<BleGattService>();
        foreach (var service in result.Services)
        {
            _services.Add(service);
            var characteristics = await WinRtErrors.CallAsync(() => service.GetCharacteristicsAsync(BluetoothCacheMode.Uncached).AsTask(cancellationToken), "Discovering characteristics").ConfigureAwait(false);
            WinRtErrors.ThrowIfFailed(characteristics.Status, characteristics.ProtocolError, "Discovering characteristics");
            var found = new List<BleGattCharacteristic>();
            foreach (var characteristic in characteristics.Characteristics.OrderBy(c => c.AttributeHandle))
            {
                var descriptors = await WinRtErrors.CallAsync(() => characteristic.GetDescriptorsAsync(BluetoothCacheMode.Uncached).AsTask(cancellationToken), "Discovering descriptors").ConfigureAwait(false);
                WinRtErrors.ThrowIfFailed(descriptors.Status, descriptors.ProtocolError, "Discovering descriptors");
                var handle = Handle(characteristic.AttributeHandle);
                _characteristics[handle] = characteristic;
                found.Add(new BleGattCharacteristic(Uuid(characteristic.Uuid), handle, descriptors.Descriptors.Select(d =>
                {
                    var descriptorHandle = Handle(d.AttributeHandle);
                    _descriptors[descriptorHandle] = d;
                    return new BleGattDescriptor(Uuid(d.Uuid), descriptorHandle);
                }).ToList()));
            }

            services.Add(new BleGattService(Uuid(service.Uuid), Handle(service.AttributeHandle), found));
        }

        return services;
    }

    public async Task<byte[]> ReadAsync(BleGattAttribute attribute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        Func<Windows.Foundation.IAsyncOperation<GattReadResult>> read;
        if (attribute is BleGattDescriptor)
        {
            var descriptor = _descriptors[attribute.Handle];
            read = () => descriptor.ReadValueAsync(BluetoothCacheMode.Uncached);
        }
        else
        {
            var characteristic = _characteristics[attribute.Handle];
            read = () => characteristic.ReadValueAsync(BluetoothCacheMode.Uncached);
        }

        return await WinRtErrors.CallAsync(
            async () =>
            {
                var result = await read().AsTask(cancellationToken).ConfigureAwait(false);
                WinRtErrors.ThrowIfFailed(result.Status, result.ProtocolError, "Reading");
                return result.Value is null ? [] : result.Value.ToArray();
            },
            "Reading").ConfigureAwait(false);
    }

    public async Task WriteAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(characteristic);
        var target = _characteristics[characteristic.Handle];
        await WinRtErrors.CallAsync(
            async () =>
            {
                var result = await target.WriteValueWithResultAsync(value.ToArray().AsBuffer(), GattWriteOption.WriteWithResponse).AsTask(cancellationToken).ConfigureAwait(false);
                WinRtErrors.ThrowIfFailed(result.Status, result.ProtocolError, "Writing");
                return true;
            },
            "Writing").ConfigureAwait(false);
    }

    /// <summary>
    /// Custom pairing at the encryption level. An ESP32 provisioning device has no display or keyboard, so it asks
    /// for "Just Works" (ConfirmOnly), which is accepted here: the user consented before this is called.
    /// </summary>
    public async Task PairAsync(CancellationToken cancellationToken)
    {
        var pairing = WinRtErrors.Call(() => _device.DeviceInformation.Pairing, "Reading the pairing state");
        if (WinRtErrors.Call(() => pairing.IsPaired, "Reading the pairing state"))
        {
            return;
        }

        var custom = WinRtErrors.Call(() => pairing.Custom, "Pairing");
        WinRtErrors.Run(() => custom.PairingRequested += OnPairingRequested, "Pairing");
        try
        {
            var status = await WinRtErrors.CallAsync(
                async () => (await custom.PairAsync(DevicePairingKinds.ConfirmOnly, DevicePairingProtectionLevel.Encryption).AsTask(cancellationToken).ConfigureAwait(false)).Status,
                "Pairing").ConfigureAwait(false);
            if (status is not (DevicePairingResultStatus.Paired or DevicePairingResultStatus.AlreadyPaired))
            {
                throw new BleGattException(BleGattError.Failed, $"Windows reported {status}");
            }
        }
        finally
        {
            // Must not replace the pairing's own outcome.
            WinRtErrors.Quietly(() => custom.PairingRequested -= OnPairingRequested);
        }
    }

    // An event handler: a failure here must not reach the event source; pairing then fails and says so.
    private static void OnPairingRequested(DeviceInformationCustomPairing sender, DevicePairingRequestedEventArgs args) =>
        WinRtErrors.Quietly(() =>
        {
            if (args.PairingKind == DevicePairingKinds.ConfirmOnly)
            {
                args.Accept();
            }
        });

    public Task<bool> IsConnectedAsync(CancellationToken cancellationToken) =>
        WinRtErrors.CallAsync(() => Task.FromResult(!_disconnected.Task.IsCompleted && _device.ConnectionStatus == BluetoothConnectionStatus.Connected), "Reading the connection state");

    /// <summary>
    /// Releases the session and every GATT object: Windows disconnects once nothing holds the device. Never throws;
    /// each step is tried whatever the one before it did.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            WinRtErrors.Quietly(() => _device.ConnectionStatusChanged -= OnConnectionStatusChanged);
            WinRtErrors.Quietly(() => _session.MaintainConnection = false);
            WinRtErrors.Quietly(_session.Dispose);
            _services.ForEach(s => WinRtErrors.Quietly(s.Dispose));
            WinRtErrors.Quietly(_device.Dispose);
        }

        return ValueTask.CompletedTask;
    }

    private static string Handle(ushort handle) => handle.ToString("x4", CultureInfo.InvariantCulture);

    private static string Uuid(Guid uuid) => uuid.ToString("D");
}
