using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.BlueZ.Peripheral;

/// <summary>
/// What one connected central has on the service, as ESP-IDF's protocomm_ble keeps it per connection: its
/// protocomm session, the request being written to each characteristic (assembled like protocomm_ble's
/// prepare-write buffer) and the response waiting to be read.
/// </summary>
internal sealed class CentralState
{
    /// <summary>ATT's limit on an attribute value (Core spec Vol 3 Part F 3.2.9); a longer request cannot be legitimate.</summary>
    public const int MaxValueLength = 512;

    private readonly Dictionary<string, byte[]> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _responses = new(StringComparer.Ordinal);

    /// <summary>
    /// Serialises this central's calls, its session's opening and its close: bluetoothd has one ATT request in flight
    /// per link, but every D-Bus call runs on its own task here, and a request must be whole before its read handles it.
    /// </summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The protocomm session, once the central's first write opened it. Changed only under <see cref="Gate"/>.</summary>
    public uint? Session { get; set; }

    /// <summary>True once the central disconnected and its session was closed. Changed only under <see cref="Gate"/>.</summary>
    public bool IsClosed { get; set; }

    /// <summary>
    /// Offset 0 starts a new request; an offset equal to what is already written appends to it (BlueZ passes the
    /// prepared writes it did not join, older versions and other stacks every piece, each with its offset).
    /// Anything else would leave a hole or overwrite part of the request: refused, and the partial request dropped.
    /// </summary>
    public void Write(string characteristic, byte[] value, int offset)
    {
        var written = _requests.TryGetValue(characteristic, out var pending) ? pending : [];
        if (offset != 0 && offset != written.Length)
        {
            _requests.Remove(characteristic);
            throw new DBusMethodError(BlueZNames.ErrorInvalidOffset, $"Write at offset {offset}, but {written.Length} bytes of the request are written.");
        }

        var start = offset == 0 ? [] : written;
        if (start.Length + value.Length > MaxValueLength)
        {
            _requests.Remove(characteristic);
            throw new DBusMethodError(BlueZNames.ErrorInvalidValueLength, $"A request of {start.Length + value.Length} bytes is longer than an attribute value may be ({MaxValueLength}).");
        }

        _requests[characteristic] = [.. start, .. value];
    }

    /// <summary>Takes the request written to <paramref name="characteristic"/> and not yet handled, if any.</summary>
    public bool TryTakeRequest(string characteristic, out byte[] request) => _requests.Remove(characteristic, out request!);

    public byte[] Response(string characteristic) => _responses.TryGetValue(characteristic, out var response) ? response : [];

    public void SetResponse(string characteristic, byte[]? response)
    {
        if (response is null)
        {
            _responses.Remove(characteristic);
        }
        else
        {
            _responses[characteristic] = response;
        }
    }
}
