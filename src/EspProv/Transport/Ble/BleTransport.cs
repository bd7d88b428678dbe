using EspProv.Ble.BlueZ.Internal;
using EspProv.Errors;
using EspProv.Transport;

namespace EspProv.Ble.BlueZ;

/// <summary>
/// Protocomm over Bluetooth LE through BlueZ: each request is a GATT write (with response) to the endpoint's
/// characteristic followed by a read of the same characteristic. Create one with <see cref="ConnectAsync"/>.
/// </summary>
public sealed partial class BleTransport : IProvTransport
{
    private static readonly PropertyMap WriteRequestOptions = new(StringComparer.Ordinal) { ["type"] = VariantValue.String("request") };

    private readonly DBusConnection _connection;
    private readonly string _adapterPath;
    private readonly bool _bondedBefore;
    private readonly GattEndpointMap _map;
    private readonly LinkState _link;
    private readonly BleTransportOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;
    private string? _interrupted;
    private bool _pairingConfirmed;

    private BleTransport(DBusConnection connection, string adapterPath, BleDeviceInfo device, GattEndpointMap map, LinkState link, BleTransportOptions options, bool bondedBefore)
    {
        _connection = connection;
        _adapterPath = adapterPath;
        _bondedBefore = bondedBefore;
        Device = device;
        _map = map;
        _link = link;
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

    /// <inheritdoc />
    public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_map.TryGetPath(endpoint, out var path))
        {
            throw new TransportException(TransportFailure.UnknownEndpoint, $"Invalid endpoint: {endpoint} (the device has {string.Join(", ", _map.Endpoints)}).") { Endpoint = endpoint };
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var paired = false;
            while (true)
            {
                if (_link.Lost.Task.IsCompleted)
                {
                    throw Closed(endpoint, null);
                }

                if (_interrupted is not null)
                {
                    throw new TransportException(TransportFailure.IoError, $"An earlier request to {_interrupted} was interrupted while the device was still answering; reconnect before sending more.") { Endpoint = endpoint };
                }

                try
                {
                    return await ExchangeAsync(endpoint, path, request.ToArray(), cancellationToken).ConfigureAwait(false);
                }
                catch (DBusErrorReplyException exception) when (!paired && IsAuthenticationError(exception))
                {
                    paired = true;
                    await EnsurePairingPermittedAsync(exception, cancellationToken).ConfigureAwait(false);
                    await PairAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DBusErrorReplyException exception)
                {
                    if (await IsLinkDownAsync().ConfigureAwait(false))
                    {
                        throw Closed(endpoint, exception);
                    }

                    if (IsAttError(exception))
                    {
                        // ESP-IDF's protocomm answers a failed handler with an ATT error instead of a value: the BLE
                        // form of httpd closing the socket, so the session layer can explain it the same way.
                        throw new TransportException(TransportFailure.ClosedWithoutResponse, $"The device refused the request to {endpoint}: {exception.ErrorMessage}.", exception) { Endpoint = endpoint };
                    }

                    throw new TransportException(TransportFailure.IoError, $"BLE request to {endpoint} failed: {exception.ErrorMessage} ({exception.ErrorName}).", exception) { Endpoint = endpoint };
                }
                catch (DBusConnectionException exception)
                {
                    throw new TransportException(TransportFailure.IoError, $"Lost the D-Bus connection to BlueZ during a request to {endpoint}.", exception) { Endpoint = endpoint };
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> ExchangeAsync(string endpoint, string path, byte[] request, CancellationToken cancellationToken)
    {
        var exchange = WriteThenReadAsync(path, request);
        Task finished;
        try
        {
            finished = await Task.WhenAny(exchange, _link.Lost.Task).WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            Observe(exchange);
            _interrupted = endpoint;
            throw new TransportException(TransportFailure.Timeout, $"The device did not answer on {endpoint} within {_options.RequestTimeout.TotalSeconds:0.#} s.", exception) { Endpoint = endpoint };
        }
        catch (OperationCanceledException)
        {
            Observe(exchange);
            _interrupted = endpoint;
            throw;
        }

        if (finished != exchange)
        {
            Observe(exchange);
            throw Closed(endpoint, null);
        }

        return await exchange.ConfigureAwait(false);
    }

    private async Task<byte[]> WriteThenReadAsync(string path, byte[] request)
    {
        await DBusCalls.WriteValueAsync(_connection, BlueZNames.Service, path, request, WriteRequestOptions).ConfigureAwait(false);
        return await DBusCalls.ReadValueAsync(_connection, BlueZNames.Service, path, BlueZNames.GattCharacteristic).ConfigureAwait(false);
    }

    /// <summary>True when the user agreed to a bond: <see cref="BleTransportOptions.AllowPairing"/> or a yes to <see cref="BleTransportOptions.ConfirmPairing"/>.</summary>
    private bool PairingPermitted => _options.AllowPairing || _pairingConfirmed;

    private async Task EnsurePairingPermittedAsync(DBusErrorReplyException demand, CancellationToken cancellationToken)
    {
        if (PairingPermitted)
        {
            return;
        }

        if (_options.ConfirmPairing is not { } confirm)
        {
            throw new BlePairingRequiredException(Device, declined: false, demand);
        }

        _pairingConfirmed = await confirm(Device, cancellationToken).ConfigureAwait(false);
        if (!_pairingConfirmed)
        {
            throw new BlePairingRequiredException(Device, declined: true, demand);
        }
    }

    private async Task PairAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DBusCalls.CallAsync(_connection, BlueZNames.Service, Device.ObjectPath, BlueZNames.Device, "Pair")
                .WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException exception) when (exception.ErrorName == BlueZNames.ErrorAlreadyExists)
        {
            // Already paired; the retry will tell whether that was enough.
        }
        catch (DBusErrorReplyException exception)
        {
            throw new TransportException(TransportFailure.ConnectionRefused, $"The device requires pairing and pairing failed: {exception.ErrorMessage} ({exception.ErrorName}).", exception);
        }
        catch (TimeoutException exception)
        {
            throw new TransportException(TransportFailure.Timeout, "The device requires pairing and pairing did not finish in time.", exception);
        }
    }

    private async Task<bool> IsLinkDownAsync()
    {
        if (_link.Lost.Task.IsCompleted)
        {
            return true;
        }

        try
        {
            var connected = await DBusCalls.GetPropertyAsync(_connection, BlueZNames.Service, Device.ObjectPath, BlueZNames.Device, "Connected").ConfigureAwait(false);
            return connected.Type != VariantValueType.Bool || !connected.GetBool();
        }
        catch (DBusExceptionBase)
        {
            return true;
        }
    }

    private static bool IsAuthenticationError(DBusErrorReplyException exception) =>
        exception.ErrorName is BlueZNames.ErrorNotPermitted or BlueZNames.ErrorNotAuthorized or BlueZNames.ErrorAuthenticationRequired
        || exception.ErrorMessage.Contains("Insufficient Authentication", StringComparison.OrdinalIgnoreCase)
        || exception.ErrorMessage.Contains("Insufficient Encryption", StringComparison.OrdinalIgnoreCase);

    /// <summary>bluetoothd reports an ATT error response it has no D-Bus error for as Failed "Operation failed with ATT error: 0xNN".</summary>
    private static bool IsAttError(DBusErrorReplyException exception) =>
        exception.ErrorName == BlueZNames.ErrorFailed && exception.ErrorMessage.Contains("ATT error", StringComparison.OrdinalIgnoreCase);

    private static TransportException Closed(string endpoint, Exception? inner) =>
        new(TransportFailure.ClosedWithoutResponse, $"The device dropped the BLE link during a request to {endpoint}.", inner) { Endpoint = endpoint };

    private static void Observe(Task task) => task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// Disconnects from the device, removes it from BlueZ when this session left a bond that was not there before
    /// (unless <see cref="BleTransportOptions.KeepBond"/> and pairing was permitted), and closes the bus connection.
    /// A device that was paired or bonded before connecting is never removed. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _link.Dispose();
        try
        {
            await DBusCalls.CallAsync(_connection, BlueZNames.Service, Device.ObjectPath, BlueZNames.Device, "Disconnect")
                .WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase or TimeoutException)
        {
            // Already gone.
        }

        // Checked by state, not by whether Pair was called here: BlueZ may raise a link's security (and pair) by
        // itself when the device answers "Insufficient Encryption", and that bond was not asked for either.
        await ForgetNewBondQuietlyAsync(_connection, _adapterPath, Device.ObjectPath, _bondedBefore, keep: _options.KeepBond && PairingPermitted).ConfigureAwait(false);
        _connection.Dispose();
    }
}
