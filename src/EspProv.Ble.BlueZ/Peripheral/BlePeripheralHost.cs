using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.BlueZ.Peripheral;

/// <summary>
/// Serves protocomm endpoints as a BLE peripheral through BlueZ: registers a GATT application and an
/// advertisement on the adapter, assembles each request from the central's writes (honouring "offset") and runs the
/// handler (endpoint, session id, request, token → response) when the central reads the answer. A new central
/// (BlueZ's "device" option, required) is a new session; its disconnect closes it. Independent of the simulator:
/// the device logic comes in as delegates.
/// </summary>
public sealed class BlePeripheralHost : IAsyncDisposable
{
    private static int s_instances;

    private readonly DBusConnection _connection;
    private readonly string _adapterPath;
    private readonly GattApplication _application;
    private readonly IDisposable _disconnects;
    private int _disposed;

    private BlePeripheralHost(DBusConnection connection, string adapterPath, GattApplication application, IDisposable disconnects)
    {
        _connection = connection;
        _adapterPath = adapterPath;
        _application = application;
        _disconnects = disconnects;
    }

    /// <summary>The number of centrals with an open session.</summary>
    public int OpenSessions => _application.OpenSessions;

    /// <summary>
    /// Exports the GATT tree and registers it and the advertisement with BlueZ. Throws
    /// <see cref="BleUnavailableException"/> when BlueZ or the adapter is missing or refuses the registration.
    /// </summary>
    public static async Task<BlePeripheralHost> StartAsync(
        BlePeripheralOptions options,
        Func<string, uint, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> handler,
        Func<uint, CancellationToken, Task> openSession,
        Func<uint, CancellationToken, Task> closeSession,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(openSession);
        ArgumentNullException.ThrowIfNull(closeSession);
        ArgumentException.ThrowIfNullOrEmpty(options.ServiceName);
        if (options.Endpoints.Count == 0)
        {
            throw new ArgumentException("At least one endpoint is required.", nameof(options));
        }

        var (connection, adapterPath) = await BlueZBus.OpenAsync(options.BusAddress, options.Adapter, cancellationToken).ConfigureAwait(false);
        try
        {
            var root = $"/org/espprov/peripheral{Interlocked.Increment(ref s_instances)}";
            var application = new GattApplication(root, options, handler, openSession, closeSession);
            connection.AddMethodHandler(application);
            var disconnects = await SignalWatch.PropertiesChangedAsync(connection, BlueZNames.Service, adapterPath, (path, @interface, changed) =>
            {
                if (@interface == BlueZNames.Device && changed.GetBool("Connected") == false)
                {
                    // Signals arrive on the connection's reader, which must not wait for the central's turn.
                    _ = application.OnDisconnectedAsync(path);
                }
            }).ConfigureAwait(false);
            try
            {
                await DBusCalls.CallWithPathAndOptionsAsync(connection, BlueZNames.Service, adapterPath, BlueZNames.GattManager, "RegisterApplication", root)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                await DBusCalls.CallWithPathAndOptionsAsync(connection, BlueZNames.Service, adapterPath, BlueZNames.AdvertisingManager, "RegisterAdvertisement", application.AdvertisementPath)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException exception)
            {
                disconnects.Dispose();
                throw new BleUnavailableException(BleUnavailableReason.NoAdapter, $"Bluetooth LE peripheral mode is unavailable on {options.Adapter}: {exception.ErrorMessage} ({exception.ErrorName}).", exception);
            }

            return new BlePeripheralHost(connection, adapterPath, application, disconnects);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Unregisters the advertisement and the application, closes every session and the bus connection. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disconnects.Dispose();
        await UnregisterQuietlyAsync(BlueZNames.AdvertisingManager, "UnregisterAdvertisement", _application.AdvertisementPath).ConfigureAwait(false);
        await UnregisterQuietlyAsync(BlueZNames.GattManager, "UnregisterApplication", _application.Path).ConfigureAwait(false);
        await _application.CloseAllAsync().ConfigureAwait(false);
        _connection.Dispose();
    }

    private async Task UnregisterQuietlyAsync(string @interface, string member, string path)
    {
        try
        {
            await DBusCalls.CallWithPathAsync(_connection, BlueZNames.Service, _adapterPath, @interface, member, path)
                .WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase or TimeoutException)
        {
            // BlueZ already dropped it.
        }
    }
}
