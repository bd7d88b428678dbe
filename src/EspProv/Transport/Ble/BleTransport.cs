using EspProv.Errors;

namespace EspProv.Transport.Ble;

/// <summary>
/// Protocomm over Bluetooth LE on any <see cref="IBleCentral"/>: each request is a GATT write (with response) to the
/// endpoint's characteristic followed by a read of the same characteristic. Create one with <see cref="ConnectAsync"/>.
/// </summary>
public sealed partial class BleTransport : IProvTransport
{
    /// <summary>How long cleanup (disconnect, forgetting a bond) may take before it is given up.</summary>
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(5);

    private readonly IBlePeripheralLink _link;
    private readonly bool _bondedBefore;
    private readonly GattEndpointMap _map;
    private readonly BleTransportOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;
    private readonly PairingConsent _pairing;
    private string? _interrupted;

    private BleTransport(IBlePeripheralLink link, BleDeviceInfo device, GattEndpointMap map, BleTransportOptions options, bool bondedBefore, PairingConsent pairing)
    {
        _link = link;
        _pairing = pairing;
        _bondedBefore = bondedBefore;
        Device = device;
        _map = map;
        _options = options;
    }

    /// <inheritdoc />
    public TransportKind Kind => TransportKind.Ble;

    /// <summary>The connected device as it was seen while scanning.</summary>
    public BleDeviceInfo Device { get; }

    /// <summary>The provisioning service in use.</summary>
    public string ServiceUuid => _map.ServiceUuid;

    /// <summary>The endpoints found on the device.</summary>
    public IReadOnlyCollection<string> Endpoints => _map.Endpoints;

    /// <summary>True when endpoints were named by 0x2901 descriptors rather than derived from UUIDs.</summary>
    public bool EndpointsFromDescriptors => _map.FromDescriptors;

    /// <summary>The ATT MTU of the link when the platform reports it.</summary>
    public int? Mtu => _link.Mtu;

    /// <inheritdoc />
    public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_map.TryGetCharacteristic(endpoint, out var characteristic))
        {
            throw new TransportException(TransportFailure.UnknownEndpoint, $"Invalid endpoint: {endpoint} (the device has {string.Join(", ", _map.Endpoints)}).") { Endpoint = endpoint };
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var paired = false;
            while (true)
            {
                if (_link.Disconnected.IsCompleted)
                {
                    throw Closed(endpoint, null);
                }

                if (_interrupted is not null)
                {
                    throw new TransportException(TransportFailure.IoError, $"An earlier request to {_interrupted} was interrupted while the device was still answering; reconnect before sending more.") { Endpoint = endpoint };
                }

                try
                {
                    return await ExchangeAsync(endpoint, characteristic, request, cancellationToken).ConfigureAwait(false);
                }
                catch (BleGattException exception) when (DemandsPairing(exception))
                {
                    if (paired)
                    {
                        throw new TransportException(TransportFailure.ConnectionRefused, $"The device still refuses the request to {endpoint} after pairing ({exception.Message}); it may want a pairing with a passkey, which needs the system's own pairing dialog or agent.", exception) { Endpoint = endpoint };
                    }

                    paired = true;
                    await _pairing.PairAsync(_link, exception, cancellationToken).ConfigureAwait(false);
                }
                catch (BleGattException exception)
                {
                    if (exception.Error == BleGattError.Disconnected || await IsLinkDownAsync().ConfigureAwait(false))
                    {
                        throw Closed(endpoint, exception);
                    }

                    if (exception.Error == BleGattError.AttError)
                    {
                        // ESP-IDF's protocomm answers a failed handler with an ATT error instead of a value: the BLE
                        // form of httpd closing the socket, so the session layer can explain it the same way.
                        throw new TransportException(TransportFailure.ClosedWithoutResponse, $"The device refused the request to {endpoint}: {exception.Message}.", exception) { Endpoint = endpoint };
                    }

                    throw new TransportException(TransportFailure.IoError, $"BLE request to {endpoint} failed: {exception.Message}.", exception) { Endpoint = endpoint };
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> ExchangeAsync(string endpoint, BleGattCharacteristic characteristic, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        var exchange = WriteThenReadAsync(characteristic, request, deadline.Token);
        try
        {
            var finished = await Task.WhenAny(exchange, _link.Disconnected).WaitAsync(deadline.Token).ConfigureAwait(false);
            if (finished != exchange)
            {
                Observe(exchange);
                throw Closed(endpoint, null);
            }

            return await exchange.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The device may still answer this request; its answer would be read as the next one's.
            Observe(exchange);
            _interrupted = endpoint;
            throw;
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested)
        {
            Observe(exchange);
            _interrupted = endpoint;
            throw new TransportException(TransportFailure.Timeout, $"The device did not answer on {endpoint} within {_options.RequestTimeout.TotalSeconds:0.#} s.", exception) { Endpoint = endpoint };
        }
    }

    private async Task<byte[]> WriteThenReadAsync(BleGattCharacteristic characteristic, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        await _link.WriteAsync(characteristic, request, cancellationToken).ConfigureAwait(false);
        return await _link.ReadAsync(characteristic, cancellationToken).ConfigureAwait(false);
    }

    private static bool DemandsPairing(BleGattException exception) =>
        exception.Error == BleGattError.AuthenticationRequired
        || (exception is { Error: BleGattError.AttError, AttErrorCode: { } code } && BleAttErrors.DemandsPairing(code));

    private async Task<bool> IsLinkDownAsync()
    {
        if (_link.Disconnected.IsCompleted)
        {
            return true;
        }

        using var deadline = new CancellationTokenSource(QuietLimit);
        try
        {
            return !await _link.IsConnectedAsync(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BleGattException or BleUnavailableException or OperationCanceledException)
        {
            return true;
        }
    }

    private static TransportException Closed(string endpoint, Exception? inner) =>
        new(TransportFailure.ClosedWithoutResponse, $"The device dropped the BLE link during a request to {endpoint}.", inner) { Endpoint = endpoint };

    private static void Observe(Task task) => task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// Disconnects from the device, forgets it when this session left a bond that was not there before (unless
    /// <see cref="BleTransportOptions.KeepBond"/> and pairing was permitted). A device that was paired or bonded
    /// before connecting is never forgotten. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await DisconnectQuietlyAsync(_link).ConfigureAwait(false);
        await ForgetNewBondQuietlyAsync(_options.Central, Device, _bondedBefore, keep: _options.KeepBond && _pairing.Permitted).ConfigureAwait(false);
    }

    /// <summary>
    /// The user's consent to a bond with one device, shared by the endpoint-name reads and the requests of one
    /// connection so that a yes given for either holds for both, and pairing under the connect time limit.
    /// </summary>
    private sealed class PairingConsent(BleTransportOptions options, BleDeviceInfo device)
    {
        private bool _confirmed;

        /// <summary>True when the user agreed to a bond: <see cref="BleTransportOptions.AllowPairing"/> or a yes to <see cref="BleTransportOptions.ConfirmPairing"/>.</summary>
        public bool Permitted => options.AllowPairing || _confirmed;

        /// <summary>Pairs when permitted, asking first if need be; throws <see cref="BlePairingRequiredException"/> otherwise.</summary>
        public async Task PairAsync(IBlePeripheralLink link, BleGattException demand, CancellationToken cancellationToken)
        {
            if (!Permitted)
            {
                if (options.ConfirmPairing is not { } confirm)
                {
                    throw new BlePairingRequiredException(device, declined: false, demand);
                }

                _confirmed = await confirm(device, cancellationToken).ConfigureAwait(false);
                if (!_confirmed)
                {
                    throw new BlePairingRequiredException(device, declined: true, demand);
                }
            }

            try
            {
                await WithinAsync(
                    link.PairAsync,
                    options.ConnectTimeout,
                    () => new TransportException(TransportFailure.Timeout, "The device requires pairing and pairing did not finish in time."),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (BleGattException exception)
            {
                throw new TransportException(TransportFailure.ConnectionRefused, $"The device requires pairing and pairing failed: {exception.Message}.", exception);
            }
        }
    }
}
