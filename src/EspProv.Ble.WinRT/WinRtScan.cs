using System.Threading.Channels;

namespace EspProv.Ble.WinRT;

/// <summary>
/// An active <see cref="BluetoothLEAdvertisementWatcher"/>: every advertisement and scan response is reported as it is
/// heard. No platform filter is set: ESP-IDF puts the name and the service UUID in different packets, which Windows
/// reports separately, and a UUID filter would drop the packet with the name.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows10.0.19041.0")]
internal sealed class WinRtScan : IBleScan
{
    private readonly BluetoothLEAdvertisementWatcher _watcher = new() { ScanningMode = BluetoothLEScanningMode.Active };
    private readonly Channel<BleDeviceInfo> _reports = Channel.CreateUnbounded<BleDeviceInfo>();

    private WinRtScan()
    {
        _watcher.Received += OnReceived;
        _watcher.Stopped += OnStopped;
    }

    public ChannelReader<BleDeviceInfo> Reports => _reports.Reader;

    public static WinRtScan Start()
    {
        // Creating the watcher is a WinRT call too, and fails the same way as starting it.
        WinRtScan? scan = null;
        bool aborted;
        try
        {
            scan = new WinRtScan();
            scan._watcher.Start();
            aborted = scan._watcher.Status == BluetoothLEAdvertisementWatcherStatus.Aborted;
        }
        catch (Exception exception)
        {
            scan?.Detach();
            throw new BleUnavailableException(BleUnavailableReason.AdapterOff, $"Bluetooth LE is unavailable: Windows refused to start a scan ({exception.Message.Trim()}, 0x{exception.HResult:X8}).", exception);
        }

        if (aborted)
        {
            scan.Detach();
            throw new BleUnavailableException(BleUnavailableReason.AdapterOff, "Bluetooth LE is unavailable: Windows refused to start a scan (is the radio on?).");
        }

        return scan;
    }

    // An event handler: a report that cannot be read is dropped rather than thrown into the watcher.
    private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args) =>
        WinRtErrors.Quietly(() =>
        {
            var name = args.Advertisement.LocalName;
            var uuids = args.Advertisement.ServiceUuids.Select(u => u.ToString("D")).ToArray();
            _reports.Writer.TryWrite(new BleDeviceInfo(string.IsNullOrEmpty(name) ? null : name, WinRtMapping.FormatAddress(args.BluetoothAddress), args.RawSignalStrengthInDBm, uuids)
            {
                PlatformId = args.BluetoothAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        });

    private void OnStopped(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementWatcherStoppedEventArgs args)
    {
        // Stopped by Windows, not by us (we detach before stopping): the radio went off or away mid-scan. Why it
        // stopped is a WinRT read too; unreadable, the scan has still ended and must say so.
        BluetoothError error;
        try
        {
            error = WinRtErrors.Call(() => args.Error, "Reading why the scan stopped");
        }
        catch (BleGattException)
        {
            error = BluetoothError.OtherError;
        }

        if (error != BluetoothError.Success)
        {
            _reports.Writer.TryComplete(new BleUnavailableException(
                error == BluetoothError.RadioNotAvailable ? BleUnavailableReason.AdapterOff : BleUnavailableReason.NotSupported,
                $"Bluetooth LE is unavailable: Windows stopped the scan ({error})."));
        }
    }

    private void Detach()
    {
        WinRtErrors.Quietly(() => _watcher.Received -= OnReceived);
        WinRtErrors.Quietly(() => _watcher.Stopped -= OnStopped);
    }

    /// <summary>Stops the watcher; never throws.</summary>
    public ValueTask DisposeAsync()
    {
        Detach();
        WinRtErrors.Quietly(() =>
        {
            if (_watcher.Status is BluetoothLEAdvertisementWatcherStatus.Started)
            {
                _watcher.Stop();
            }
        });

        _reports.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
