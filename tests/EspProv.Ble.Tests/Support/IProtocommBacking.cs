namespace EspProv.Ble.Tests.Support;

/// <summary>
/// The device logic behind a fake BLE device's characteristics. Shaped like the simulator's
/// <c>SimulatedDevice.HandleAsync(endpoint, sessionId, request, ct)</c> so it can replace <see cref="ProtocommDevice"/>.
/// </summary>
internal interface IProtocommBacking
{
    Task<byte[]> HandleAsync(string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken);

    Task OpenSessionAsync(uint sessionId);

    Task CloseSessionAsync(uint sessionId);
}
