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
        _device.ConnectionStatusChanged += OnConnectionStatusChanged;

        // A link Windows already holds (a bonded device, another app) raises no Connected event of its own; a drop
        // of it must still count. Read after subscribing, so that no change falls between the two.
        if (_device.ConnectionStatus == BluetoothConnectionStatus.Connected)
        {
            _wasConnected = true;
        }
    }

    public Task Disconnected => _disconnected.Task;

    public int? Mtu => _session.MaxPduSize;

    /// <summary>Opens the device and a session that asks Windows to connect and stay connected.</summary>
    public static async Task<WinRtLink> ConnectAsync(ulong address, CancellationToken cancellationToken)
    {
        var device = await WinRtErrors.CallAsync(() => BluetoothLEDevice.FromBluetoothAddressAsync(address).AsTask(cancellationToken), "Opening the device").ConfigureAwait(false)
            ?? throw new BleGattException(BleGattError.Failed, $"Windows does not know a BLE device at {WinRtMapping.FormatAddress(address)}");
        try
        {
            var session = await WinRtErrors.CallAsync(() => GattSession.FromDeviceIdAsync(device.BluetoothDeviceId).AsTask(cancellationToken), "Opening a GATT session").ConfigureAwait(false)
                ?? throw new BleGattException(BleGattError.Failed, $"Windows gave no GATT session for {WinRtMapping.FormatAddress(address)}");
            var link = new WinRtLink(device, session);

            // Only now: asking Windows to connect before the link listens could let the Connected event go unheard.
            session.MaintainConnection = true;
            return link;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private void OnConnectionStatusChanged(BluetoothLEDevice sender, object args)
    {
        // Windows connects on the first GATT request; only a drop after that counts.
        if (sender.ConnectionStatus == BluetoothConnectionStatus.Connected)
        {
            _wasConnected = true;
        }
        else if (_wasConnected)
        {
            _disconnected.TrySetResult();
        }
    }

    public async Task<IReadOnlyList<BleGattService>> GetServicesAsync(CancellationToken cancellationToken)
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
        var result = attribute is BleGattDescriptor
            ? await WinRtErrors.CallAsync(() => _descriptors[attribute.Handle].ReadValueAsync(BluetoothCacheMode.Uncached).AsTask(cancellationToken), "Reading").ConfigureAwait(false)
            : await WinRtErrors.CallAsync(() => _characteristics[attribute.Handle].ReadValueAsync(BluetoothCacheMode.Uncached).AsTask(cancellationToken), "Reading").ConfigureAwait(false);
        WinRtErrors.ThrowIfFailed(result.Status, result.ProtocolError, "Reading");
        return result.Value is null ? [] : result.Value.ToArray();
    }

    public async Task WriteAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(characteristic);
        var target = _characteristics[characteristic.Handle];
        var result = await WinRtErrors.CallAsync(() => target.WriteValueWithResultAsync(value.ToArray().AsBuffer(), GattWriteOption.WriteWithResponse).AsTask(cancellationToken), "Writing").ConfigureAwait(false);
        WinRtErrors.ThrowIfFailed(result.Status, result.ProtocolError, "Writing");
    }

    /// <summary>
    /// Custom pairing at the encryption level. An ESP32 provisioning device has no display or keyboard, so it asks
    /// for "Just Works" (ConfirmOnly), which is accepted here: the user consented before this is called.
    /// </summary>
    public async Task PairAsync(CancellationToken cancellationToken)
    {
        var pairing = _device.DeviceInformation.Pairing;
        if (pairing.IsPaired)
        {
            return;
        }

        var custom = pairing.Custom;
        custom.PairingRequested += OnPairingRequested;
        try
        {
            var result = await WinRtErrors.CallAsync(
                () => custom.PairAsync(DevicePairingKinds.ConfirmOnly, DevicePairingProtectionLevel.Encryption).AsTask(cancellationToken),
                "Pairing").ConfigureAwait(false);
            if (result.Status is not (DevicePairingResultStatus.Paired or DevicePairingResultStatus.AlreadyPaired))
            {
                throw new BleGattException(BleGattError.Failed, $"Windows reported {result.Status}");
            }
        }
        finally
        {
            custom.PairingRequested -= OnPairingRequested;
        }
    }

    private static void OnPairingRequested(DeviceInformationCustomPairing sender, DevicePairingRequestedEventArgs args)
    {
        if (args.PairingKind == DevicePairingKinds.ConfirmOnly)
        {
            args.Accept();
        }
    }

    public Task<bool> IsConnectedAsync(CancellationToken cancellationToken) =>
        Task.FromResult(!_disconnected.Task.IsCompleted && _device.ConnectionStatus == BluetoothConnectionStatus.Connected);

    /// <summary>Releases the session and every GATT object: Windows disconnects once nothing holds the device.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _device.ConnectionStatusChanged -= OnConnectionStatusChanged;
            _session.MaintainConnection = false;
            _session.Dispose();
            _services.ForEach(s => s.Dispose());
            _device.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string Handle(ushort handle) => handle.ToString("x4", CultureInfo.InvariantCulture);

    private static string Uuid(Guid uuid) => uuid.ToString("D");
}
