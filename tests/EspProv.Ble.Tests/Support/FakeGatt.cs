namespace EspProv.Ble.Tests.Support;

/// <summary>One characteristic of a fake device's provisioning service.</summary>
internal sealed record FakeCharacteristic(string Uuid, string? Description);

/// <summary>What stands behind a fake device's GATT database.</summary>
internal abstract class FakeGatt
{
    public abstract string ServiceUuid { get; }

    public abstract IReadOnlyList<FakeCharacteristic> Characteristics { get; }

    public abstract Task WriteAsync(int index, string central, byte[] value, CancellationToken cancellationToken);

    public abstract Task<byte[]> ReadAsync(int index, string central, CancellationToken cancellationToken);

    public abstract Task<byte[]> ReadDescriptorAsync(int index, CancellationToken cancellationToken);

    public abstract void OnConnected(string central);

    public abstract void OnDisconnected(string central);
}
