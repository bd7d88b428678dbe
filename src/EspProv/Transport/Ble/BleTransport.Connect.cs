using EspProv.Errors;

namespace EspProv.Transport.Ble;

public sealed partial class BleTransport
{
    /// <summary>
    /// Scans for the device, connects and reads the GATT database (forgetting a stale cached device and retrying
    /// once if the first attempt fails to connect or loses the link before the services are resolved), finds the
    /// provisioning service and maps endpoints to characteristics, pairing first if reading the endpoint names
    /// demands it and pairing is permitted. Throws <see cref="BleUnavailableException"/> when BLE cannot be used at
    /// all, <see cref="BlePairingRequiredException"/> when the device demands pairing without consent, and
    /// <see cref="TransportException"/> when the device cannot be found, connected or is not a provisioning device.
    /// </summary>
    public static async Task<BleTransport> ConnectAsync(BleTransportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Central);
        ArgumentNullException.ThrowIfNull(options.Device);
        var central = options.Central;
        IBlePeripheralLink? link = null;
        BleDeviceInfo? device = null;
        PairingConsent? pairing = null;
        var bondedBefore = true;
        try
        {
            device = await FindAsync(options, cancellationToken).ConfigureAwait(false);

            // Read before anything is asked of the device: only a bond that was not there now may ever be removed.
            // Unknown counts as bonded: a bond that cannot be shown to be new is never removed.
            bondedBefore = await ReadBondedAsync(central, device, cancellationToken).ConfigureAwait(false) ?? true;
            IReadOnlyList<BleGattService> services;
            try
            {
                (link, services) = await OpenAsync(device, options, cancellationToken).ConfigureAwait(false);
            }
            catch (BleGattException)
            {
                // The platform's cache often holds a stale entry (old address type, old GATT db): forget it, rescan,
                // retry once. Forgetting a paired device would delete the user's bond, so that one is only retried.
                if (!bondedBefore)
                {
                    await ForgetQuietlyAsync(central, device).ConfigureAwait(false);
                }

                device = await FindAsync(options, cancellationToken).ConfigureAwait(false);
                try
                {
                    (link, services) = await OpenAsync(device, options, cancellationToken).ConfigureAwait(false);
                }
                catch (BleGattException exception)
                {
                    var bondHint = bondedBefore ? $" It is paired with this computer, so its bond was left alone; if the bond is stale, remove it ({central.RemoveBondHint(device)}) and try again." : string.Empty;
                    throw new TransportException(TransportFailure.ConnectionRefused, $"Could not connect to {Describe(device)}: {exception.Message}.{bondHint}", exception);
                }
            }

            pairing = new PairingConsent(options, device);
            var map = await MapEndpointsAsync(link, services, device, options, pairing, cancellationToken).ConfigureAwait(false);
            return new BleTransport(link, device, map, options, bondedBefore, pairing);
        }
        catch
        {
            if (link is not null)
            {
                await DisconnectQuietlyAsync(link).ConfigureAwait(false);
            }

            if (device is not null)
            {
                await ForgetNewBondQuietlyAsync(central, device, bondedBefore, keep: options.KeepBond && (pairing?.Permitted ?? options.AllowPairing)).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// One connection attempt: connects and resolves the services. Throws <see cref="BleGattException"/> for what
    /// counts as a failed connect, a refusal or a link lost before the services are resolved (a platform that
    /// connects on the first GATT request only fails there); any other failure as a <see cref="TransportException"/>.
    /// </summary>
    private static async Task<(IBlePeripheralLink Link, IReadOnlyList<BleGattService> Services)> OpenAsync(BleDeviceInfo device, BleTransportOptions options, CancellationToken cancellationToken)
    {
        var link = await ConnectLinkAsync(device, options, cancellationToken).ConfigureAwait(false);
        try
        {
            return (link, await ReadServicesAsync(link, device, options, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await DisconnectQuietlyAsync(link).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<BleDeviceInfo> FindAsync(BleTransportOptions options, CancellationToken cancellationToken)
    {
        var device = await BleScanner.FindAsync(options.Central, options.Device, options.ScanTimeout, cancellationToken).ConfigureAwait(false);
        return device ?? throw new TransportException(TransportFailure.DeviceNotFound, $"Device not found: no BLE device {options.Device} was seen within {options.ScanTimeout.TotalSeconds:0.#} s.");
    }

    private static Task<IBlePeripheralLink> ConnectLinkAsync(BleDeviceInfo device, BleTransportOptions options, CancellationToken cancellationToken) =>
        WithinAsync(
            token => options.Central.ConnectAsync(device, token),
            options.ConnectTimeout,
            () => new TransportException(TransportFailure.Timeout, $"Connecting to the device did not finish within {options.ConnectTimeout.TotalSeconds:0.#} s."),
            cancellationToken);

    private static async Task<IReadOnlyList<BleGattService>> ReadServicesAsync(IBlePeripheralLink link, BleDeviceInfo device, BleTransportOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await WithinAsync(
                link.GetServicesAsync,
                options.ConnectTimeout,
                () => new TransportException(TransportFailure.Timeout, $"{Describe(device)} did not resolve its GATT services within {options.ConnectTimeout.TotalSeconds:0.#} s."),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BleGattException exception) when (exception.Error == BleGattError.Disconnected || link.Disconnected.IsCompleted)
        {
            throw new BleGattException(BleGattError.Disconnected, $"the link dropped before its GATT services were resolved ({exception.Message})", innerException: exception);
        }
        catch (BleGattException exception)
        {
            throw new TransportException(TransportFailure.IoError, $"Reading the GATT services of {Describe(device)} failed: {exception.Message}.", exception);
        }
    }

    /// <summary>
    /// Names the endpoints, reading the 0x2901 descriptors within the connect time limit. A device that refuses
    /// those reads for want of pairing is paired under the same consent rule as a request, and read once more.
    /// </summary>
    private static async Task<GattEndpointMap> MapEndpointsAsync(IBlePeripheralLink link, IReadOnlyList<BleGattService> services, BleDeviceInfo device, BleTransportOptions options, PairingConsent pairing, CancellationToken cancellationToken)
    {
        var candidates = CandidateServices(options, device);
        var paired = false;
        while (true)
        {
            try
            {
                return await WithinAsync(
                    token => GattEndpointMap.BuildAsync(link, services, candidates, token),
                    options.ConnectTimeout,
                    () => new TransportException(TransportFailure.Timeout, $"{Describe(device)} did not answer the reads of its endpoint names within {options.ConnectTimeout.TotalSeconds:0.#} s."),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (BleGattException exception) when (DemandsPairing(exception) && !paired)
            {
                paired = true;
                await pairing.PairAsync(link, exception, cancellationToken).ConfigureAwait(false);
            }
            catch (BleGattException exception) when (DemandsPairing(exception))
            {
                throw new TransportException(TransportFailure.ConnectionRefused, $"{Describe(device)} still refuses to let its endpoint names be read after pairing ({exception.Message}); it may want a pairing with a passkey, which needs the system's own pairing dialog or agent.", exception);
            }
            catch (BleGattException exception) when (exception.Error == BleGattError.Disconnected || link.Disconnected.IsCompleted)
            {
                throw new TransportException(TransportFailure.ClosedWithoutResponse, $"{Describe(device)} disconnected while its endpoint names were read.", exception);
            }
            catch (BleGattException exception)
            {
                throw new TransportException(TransportFailure.IoError, $"Reading the endpoint names of {Describe(device)} failed: {exception.Message}.", exception);
            }
        }
    }

    private static List<string> CandidateServices(BleTransportOptions options, BleDeviceInfo device)
    {
        var candidates = new List<string>();
        if (options.ServiceUuid is not null)
        {
            candidates.Add(BleUuids.Normalize(options.ServiceUuid));
        }

        if (device.ServiceUuids.Count == 1)
        {
            candidates.Add(device.ServiceUuids[0]);
        }

        candidates.AddRange(BleUuids.KnownServices);
        return candidates.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Runs <paramref name="operation"/> with a deadline the backend sees as cancellation; a backend that ignores it
    /// is not waited for. Passing the deadline yields <paramref name="timedOut"/>; the caller's cancellation stays one.
    /// </summary>
    private static async Task<T> WithinAsync<T>(Func<CancellationToken, Task<T>> operation, TimeSpan limit, Func<TransportException> timedOut, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var task = operation(deadline.Token);
        try
        {
            return await task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            Observe(task);
            throw timedOut();
        }
    }

    private static Task WithinAsync(Func<CancellationToken, Task> operation, TimeSpan limit, Func<TransportException> timedOut, CancellationToken cancellationToken) =>
        WithinAsync(
            async token =>
            {
                await operation(token).ConfigureAwait(false);
                return true;
            },
            limit,
            timedOut,
            cancellationToken);

    private static async Task<bool?> ReadBondedAsync(IBleCentral central, BleDeviceInfo device, CancellationToken cancellationToken)
    {
        try
        {
            return await central.IsBondedAsync(device, cancellationToken).ConfigureAwait(false);
        }
        catch (BleGattException)
        {
            return null;
        }
    }

    /// <summary>
    /// Forgets the device (which deletes its keys) when it is bonded now but was not before this transport
    /// connected, unless <paramref name="keep"/>. Checked by state, not by whether this transport paired: a stack may
    /// raise a link's security (and bond) by itself when the device answers "Insufficient Encryption", and that bond
    /// was not asked for either. Best effort: the stack may be gone already.
    /// </summary>
    private static async Task ForgetNewBondQuietlyAsync(IBleCentral central, BleDeviceInfo device, bool bondedBefore, bool keep)
    {
        if (bondedBefore || keep)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(QuietLimit);
        try
        {
            if (await ReadBondedAsync(central, device, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false) == true)
            {
                await central.ForgetAsync(device, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is BleGattException or BleUnavailableException or OperationCanceledException)
        {
            // Nothing more can be done from here; the device stays known to the host.
        }
    }

    private static async Task ForgetQuietlyAsync(IBleCentral central, BleDeviceInfo device)
    {
        using var deadline = new CancellationTokenSource(QuietLimit);
        try
        {
            await central.ForgetAsync(device, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BleGattException or BleUnavailableException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    private static async Task DisconnectQuietlyAsync(IBlePeripheralLink link)
    {
        try
        {
            await link.DisposeAsync().AsTask().WaitAsync(QuietLimit).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BleGattException or BleUnavailableException or TimeoutException)
        {
            // Best effort: a link whose stack is gone cannot be disconnected any further. Anything untyped is a
            // backend bug and is left to surface.
        }
    }

    private static string Describe(BleDeviceInfo device) => device.Name is null ? device.Address : $"'{device.Name}' ({device.Address})";
}
