namespace EspProv.Simulator;

/// <summary>
/// One turn at a <see cref="SimulatedDevice"/>: while it is held no other request or session change runs, as on
/// the single-threaded firmware. A host takes one when its own bookkeeping must move in step with the device's
/// (protocomm_httpd decides a request's session and handles it in one go); disposing it ends the turn.
/// </summary>
public sealed class DeviceTurn : IDisposable
{
    private SimulatedDevice? _device;

    internal DeviceTurn(SimulatedDevice device) => _device = device;

    private SimulatedDevice Device => _device ?? throw new ObjectDisposedException(nameof(DeviceTurn));

    /// <summary>protocomm <c>new_transport_session</c>: closes any existing session and adopts <paramref name="sessionId"/>.</summary>
    public void OpenSession(uint sessionId) => Device.OpenSessionInTurn(sessionId);

    /// <summary>protocomm <c>close_transport_session</c>: forgets the session if it is the current one.</summary>
    public void CloseSession(uint sessionId) => Device.CloseSessionInTurn(sessionId);

    /// <summary>Handles one request (see <see cref="SimulatedDevice.HandleAsync"/>) within this turn.</summary>
    /// <exception cref="DeviceRequestFailedException">ESP-IDF would return an error; the host sends nothing.</exception>
    public Task<byte[]> HandleAsync(string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        Device.HandleInTurnAsync(endpoint, sessionId, request, cancellationToken);

    /// <summary>Ends the turn. Idempotent.</summary>
    public void Dispose() => Interlocked.Exchange(ref _device, null)?.EndTurn();
}
