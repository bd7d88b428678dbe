namespace EspProv.Transport.Ble;

/// <summary>
/// A connection from an <see cref="IBleCentral"/> to one device. Every operation throws <see cref="BleGattException"/>
/// for what the platform or the device refused; time limits are the caller's. Disposing disconnects, best effort: it
/// should not throw, and callers tolerate no more than a <see cref="BleGattException"/> or
/// <see cref="Errors.BleUnavailableException"/> from it.
/// </summary>
public interface IBlePeripheralLink : IAsyncDisposable
{
    /// <summary>Completes when the link drops (the device went away or disconnected).</summary>
    Task Disconnected { get; }

    /// <summary>
    /// The negotiated ATT MTU when the platform reports it, for information: writes longer than MTU - 3 and reads
    /// longer than MTU - 1 are long ones, which the platform makes itself.
    /// </summary>
    int? Mtu { get; }

    /// <summary>
    /// The device's GATT database as the device has it now (never a cache from an earlier connection): services with
    /// their characteristics and each characteristic's descriptors. Waits for service resolution where the platform needs it.
    /// Throws a <see cref="BleGattException"/> of kind <see cref="BleGattError.Disconnected"/> (or completes
    /// <see cref="Disconnected"/> and throws any <see cref="BleGattException"/>) when the link is lost or the device cannot be reached, which on a platform that
    /// connects lazily is how a failed connect shows; the caller then retries the connection as for a failed
    /// <see cref="IBleCentral.ConnectAsync"/>.
    /// </summary>
    Task<IReadOnlyList<BleGattService>> GetServicesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads a characteristic's or descriptor's whole value: the platform makes the long read (Read Blob by offset)
    /// itself when the value is longer than MTU - 1, so the caller never sees a part.
    /// </summary>
    Task<byte[]> ReadAsync(BleGattAttribute attribute, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a characteristic's whole value with response: the platform makes the long (prepared) write itself when
    /// the value does not fit one PDU (MTU - 3).
    /// </summary>
    Task WriteAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Pairs (bonds) with the device; returns normally when it is paired already.</summary>
    Task PairAsync(CancellationToken cancellationToken);

    /// <summary>Asks the platform whether the link is still up; false when it cannot tell.</summary>
    Task<bool> IsConnectedAsync(CancellationToken cancellationToken);
}
