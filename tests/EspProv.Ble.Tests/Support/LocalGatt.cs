using System.Collections.Concurrent;
using System.Text;
using EspProv.Ble.BlueZ;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests.Support;

/// <summary>ESP-IDF's GATT behaviour in-process: a write runs the backing and stores the response; a read returns it.</summary>
internal sealed class LocalGatt : FakeGatt
{
    private readonly IReadOnlyList<(string Name, ushort Id)> _endpoints;
    private readonly IProtocommBacking _backing;
    private readonly ConcurrentDictionary<int, byte[]> _values = new();
    private readonly ConcurrentDictionary<string, (uint Id, Task Opened)> _sessions = new();
    private uint _nextSession;

    public LocalGatt(string serviceUuid, IReadOnlyList<(string Name, ushort Id)> endpoints, IProtocommBacking backing, bool userDescriptions)
    {
        ServiceUuid = serviceUuid;
        _endpoints = endpoints;
        _backing = backing;
        Characteristics = endpoints.Select(e => new FakeCharacteristic(BleUuids.Characteristic(serviceUuid, e.Id), userDescriptions ? e.Name : null)).ToList();
    }

    public override string ServiceUuid { get; }

    public override IReadOnlyList<FakeCharacteristic> Characteristics { get; }

    public override async Task WriteAsync(int index, string central, byte[] value, CancellationToken cancellationToken)
    {
        var session = _sessions.TryGetValue(central, out var s) ? s : throw new InvalidOperationException("Not connected");
        await session.Opened;
        _values[index] = await _backing.HandleAsync(_endpoints[index].Name, session.Id, value, cancellationToken);
    }

    public override Task<byte[]> ReadAsync(int index, string central, CancellationToken cancellationToken) =>
        Task.FromResult(_values.TryGetValue(index, out var value) ? value : []);

    public override Task<byte[]> ReadDescriptorAsync(int index, CancellationToken cancellationToken) =>
        Task.FromResult(Encoding.ASCII.GetBytes(_endpoints[index].Name));

    public override void OnConnected(string central)
    {
        // The fake bus connects synchronously; the session opens in the device's next turn, and requests wait for it.
        var id = Interlocked.Increment(ref _nextSession);
        _sessions[central] = (id, _backing.OpenSessionAsync(id));
    }

    public override void OnDisconnected(string central)
    {
        _values.Clear();
        if (_sessions.TryRemove(central, out var session))
        {
            // Queued behind the opening on the device's lock, so it cannot overtake it.
            _ = _backing.CloseSessionAsync(session.Id);
        }
    }
}
