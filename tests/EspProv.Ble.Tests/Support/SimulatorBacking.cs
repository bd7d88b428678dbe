using System.Collections.Concurrent;
using EspProv.Ble.BlueZ.Internal;
using EspProv.Simulator;

namespace EspProv.Ble.Tests.Support;

/// <summary>
/// The real device engine behind a fake BLE device: one protocomm session per connection (opened on
/// connect, closed on disconnect, as ESP-IDF's BLE transport does), every request handled by
/// <see cref="SimulatedDevice.HandleAsync"/>, and the engine's request log kept for assertions.
/// </summary>
internal sealed class SimulatorBacking : IProtocommBacking, IDisposable
{
    public SimulatorBacking(DeviceOptions options)
    {
        Device = new SimulatedDevice(options);
        Device.RequestHandled += (_, record) => Records.Enqueue(record);
    }

    public SimulatedDevice Device { get; }

    public ConcurrentQueue<DeviceRequestRecord> Records { get; } = new();

    public ConcurrentQueue<uint> Opened { get; } = new();

    public ConcurrentQueue<uint> Closed { get; } = new();

    public async Task<byte[]> HandleAsync(string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        try
        {
            return await Device.HandleAsync(endpoint, sessionId, request, cancellationToken);
        }
        catch (DeviceRequestFailedException)
        {
            // protocomm_ble answers a failed handler with ESP_GATT_INVALID_PDU; bluetoothd reports the ATT error so.
            throw new DBusMethodError(BlueZNames.ErrorFailed, "Operation failed with ATT error: 0x04");
        }
    }

    public Task OpenSessionAsync(uint sessionId)
    {
        Opened.Enqueue(sessionId);
        return Device.OpenSessionAsync(sessionId);
    }

    public Task CloseSessionAsync(uint sessionId)
    {
        Closed.Enqueue(sessionId);
        return Device.CloseSessionAsync(sessionId);
    }

    public void Dispose() => Device.Dispose();
}
