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
        var scan = new WinRtScan();
        try
        {
            scan._watcher.Start();
        }
        catch (Exception exception)
        {
            scan.Detach();
            throw new BleUnavailableException(BleUnavailableReason.AdapterOff, $"Bluetooth LE is unavailable: Windows refused to start a scan ({exception.Message.Trim()}, 0x{exception.HResult:X8}).", exception);
        }

        if (scan._watcher.Status == BluetoothLEAdvertisementWatcherStatus.Aborted)
        {
            scan.Detach();
            throw new BleUnavailableException(BleUnavailableReason.AdapterOff, "Bluetooth LE is unavailable: Windows refused to start a scan (is the radio on?).");
        }

        return scan;
    }

    private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
    {
        var name = args.Advertisement.LocalName;
        var uuids = args.Advertisement.ServiceUuids.Select(u => u.ToString("D")).ToArray();
        _reports.Writer.TryWrite(new BleDeviceInfo(string.IsNullOrEmpty(name) ? null : name, WinRtMapping.FormatAddress(args.BluetoothAddress), args.RawSignalStrengthInDBm, uuids)
        {
            PlatformId = args.BluetoothAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private void OnStopped(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementWatcherStoppedEventArgs args)
    {
        // Stopped by Windows, not by us: the radio went off or away mid-scan.
        if (args.Error != BluetoothError.Success)
        {
            _reports.Writer.TryComplete(new BleUnavailableException(
                args.Error == BluetoothError.RadioNotAvailable ? BleUnavailableReason.AdapterOff : BleUnavailableReason.NotSupported,
                $"Bluetooth LE is unavailable: Windows stopped the scan ({args.Error})."));
        }
    }

    private void Detach()
    {
        _watcher.Received -= OnReceived;
        _watcher.Stopped -= OnStopped;
    }

    public ValueTask DisposeAsync()
    {
        Detach();
        if (_watcher.Status is BluetoothLEAdvertisementWatcherStatus.Started)
        {
            _watcher.Stop();
        }

        _reports.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
