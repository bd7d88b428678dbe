using System.Threading.Channels;

namespace EspProv.Transport.Ble;

/// <summary>One running scan of an <see cref="IBleCentral"/>; disposing it stops scanning.</summary>
public interface IBleScan : IAsyncDisposable
{
    /// <summary>
    /// Every advertisement or scan response heard, unfiltered, as the platform reports it: a device appears many
    /// times, and one report may carry only part of what it advertises (the name in the scan response, the
    /// service UUID in the advertisement). Completes with a <see cref="Errors.BleUnavailableException"/> when the
    /// platform aborts the scan (the radio went off); otherwise not before the scan is disposed.
    /// </summary>
    ChannelReader<BleDeviceInfo> Reports { get; }
}
