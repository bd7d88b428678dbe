namespace EspProv.Ble.WinRT;

/// <summary>
/// The BLE central of a Windows 10 (2004, build 19041) or later machine, through WinRT: the default Bluetooth
/// adapter, <see cref="BluetoothLEAdvertisementWatcher"/> for scanning, <see cref="BluetoothLEDevice"/> and
/// <see cref="GattSession"/> for links. Only API calls and mapping; the protocol is in <see cref="BleTransport"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows10.0.19041.0")]
public sealed class WinRtCentral : IBleCentral
{
    /// <inheritdoc />
    public string Name => "Windows Bluetooth";

    /// <inheritdoc />
    public async Task<IBleScan> StartScanAsync(string? serviceUuid, CancellationToken cancellationToken)
    {
        await EnsureRadioOnAsync(cancellationToken).ConfigureAwait(false);
        return WinRtScan.Start();
    }

    /// <inheritdoc />
    public async Task<IBlePeripheralLink> ConnectAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return await WinRtLink.ConnectAsync(AddressOf(device), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool?> IsBondedAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        using var known = await OpenAsync(device, cancellationToken).ConfigureAwait(false);
        return known is null ? null : await IsPairedAsync(known).ConfigureAwait(false);
    }

    /// <summary>Unpairs the device when Windows holds a pairing for it; Windows keeps no other record worth removing.</summary>
    public async Task ForgetAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        using var known = await OpenAsync(device, cancellationToken).ConfigureAwait(false);
        if (known is null || await IsPairedAsync(known).ConfigureAwait(false) != true)
        {
            return;
        }

        var status = await WinRtErrors.CallAsync(async () => (await known.DeviceInformation.Pairing.UnpairAsync().AsTask(cancellationToken).ConfigureAwait(false)).Status, "Unpairing").ConfigureAwait(false);
        if (status is not (DeviceUnpairingResultStatus.Unpaired or DeviceUnpairingResultStatus.AlreadyUnpaired))
        {
            throw new BleGattException(BleGattError.Failed, $"unpairing failed: {status}");
        }
    }

    /// <inheritdoc />
    public string RemoveBondHint(BleDeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return $"Settings > Bluetooth & devices > Devices: remove {device.Name ?? device.Address}";
    }

    // The pairing state is a WinRT property read that can fail like any call (a device removed meanwhile).
    private static Task<bool?> IsPairedAsync(BluetoothLEDevice device) =>
        WinRtErrors.CallAsync(() => Task.FromResult<bool?>(device.DeviceInformation.Pairing.IsPaired), "Reading the pairing state");

    private static Task<BluetoothLEDevice?> OpenAsync(BleDeviceInfo device, CancellationToken cancellationToken) =>
        WinRtErrors.CallAsync<BluetoothLEDevice?>(async () => await BluetoothLEDevice.FromBluetoothAddressAsync(AddressOf(device)).AsTask(cancellationToken).ConfigureAwait(false), "Opening the device");

    private static ulong AddressOf(BleDeviceInfo device) =>
        WinRtMapping.ParsePlatformId(device.PlatformId)
        ?? throw new ArgumentException($"{device.Address} was not found by the Windows backend (no Bluetooth address in its PlatformId).", nameof(device));

    /// <summary>Throws <see cref="BleUnavailableException"/> unless a BLE central-capable adapter is there and its radio is on.</summary>
    private static async Task EnsureRadioOnAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureRadioOnCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or BleUnavailableException))
        {
            // No Bluetooth service, or access to the radio refused by policy.
            throw new BleUnavailableException(BleUnavailableReason.NotSupported, $"Bluetooth LE is unavailable: Windows refused access to Bluetooth ({exception.Message.Trim()}, 0x{exception.HResult:X8}).", exception);
        }
    }

    private static async Task EnsureRadioOnCoreAsync(CancellationToken cancellationToken)
    {
        var adapter = await BluetoothAdapter.GetDefaultAsync().AsTask(cancellationToken).ConfigureAwait(false)
            ?? throw new BleUnavailableException(BleUnavailableReason.NoAdapter, "Bluetooth LE is unavailable: this computer has no Bluetooth adapter.");
        if (!adapter.IsLowEnergySupported || !adapter.IsCentralRoleSupported)
        {
            throw new BleUnavailableException(BleUnavailableReason.NoAdapter, "Bluetooth LE is unavailable: the Bluetooth adapter does not support the LE central role.");
        }

        var radio = await adapter.GetRadioAsync().AsTask(cancellationToken).ConfigureAwait(false)
            ?? throw new BleUnavailableException(BleUnavailableReason.NotSupported, "Bluetooth LE is unavailable: Windows gives no access to the Bluetooth radio.");
        if (radio.State != Windows.Devices.Radios.RadioState.On)
        {
            throw new BleUnavailableException(BleUnavailableReason.AdapterOff, $"Bluetooth LE is unavailable: the Bluetooth radio is {radio.State.ToString().ToLowerInvariant()} (turn it on in Settings > Bluetooth & devices).");
        }
    }
}
