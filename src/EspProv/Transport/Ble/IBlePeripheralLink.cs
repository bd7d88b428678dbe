namespace EspProv.Transport.Ble;

/// <summary>
/// A connection from an <see cref="IBleCentral"/> to one device. Every operation throws <see cref="BleGattException"/>
/// for what the platform or the device refused; time limits are the caller's. Disposing disconnects (best effort).
/// </summary>
public interface IBlePeripheralLink : IAsyncDisposable
{
    /// <summary>Completes when the link drops (the device went away or disconnected).</summary>
    Task Disconnected { get; }

    /// <summary>The negotiated ATT MTU when the platform reports it; writes and reads longer than MTU - 3 are long (prepared) ones.</summary>
    int? Mtu { get; }

    /// <summary>
    /// The device's GATT database as the device has it now (never a cache from an earlier connection): services with
    /// their characteristics and each characteristic's descriptors. Waits for service resolution where the platform needs it.
    /// </summary>
    Task<IReadOnlyList<BleGattService>> GetServicesAsync(CancellationToken cancellationToken);

    /// <summary>Reads a characteristic's or descriptor's whole value (long reads included).</summary>
    Task<byte[]> ReadAsync(BleGattAttribute attribute, CancellationToken cancellationToken);

    /// <summary>Writes a characteristic's value with response (a long write when it does not fit one PDU).</summary>
    Task WriteAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Pairs (bonds) with the device; returns normally when it is paired already.</summary>
    Task PairAsync(CancellationToken cancellationToken);

    /// <summary>Asks the platform whether the link is still up; false when it cannot tell.</summary>
    Task<bool> IsConnectedAsync(CancellationToken cancellationToken);
}
