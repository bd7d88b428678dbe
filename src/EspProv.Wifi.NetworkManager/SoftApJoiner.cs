using System.Net;
using EspProv.Wifi.NetworkManager.Internal;

namespace EspProv.Wifi.NetworkManager;

/// <summary>
/// Puts this host on an ESP device's provisioning access point through NetworkManager (Linux), and gives it back
/// its previous connection when the returned <see cref="SoftApLease"/> is disposed.
/// </summary>
public static class SoftApJoiner
{
    /// <summary>
    /// Finds the Wi-Fi device, scans when the AP is not yet visible, activates a temporary volatile profile for it
    /// and waits for an IPv4 address; the gateway is the device (<see cref="SoftApLease.DeviceAddress"/>). When the
    /// host is on the AP already, nothing changes and the lease restores nothing. On any failure after the
    /// activation was requested, the previous connection is restored before the typed
    /// <see cref="SoftApJoinException"/> (or the cancellation) propagates; D-Bus failures arrive as those types too.
    /// The join timeout is one deadline for the whole join, from the activation request to the IPv4 address; the
    /// token is honoured at every wait, NetworkManager's answer to the activation request included. The one exception
    /// to restoring first: NetworkManager answering the activation request neither before the deadline or the
    /// cancellation nor within the restore timeout after it. The <see cref="AccessPointJoinTimeoutException"/> (or the
    /// cancellation) then propagates first, and what NetworkManager answers later is undone in the background while
    /// this process runs (when it exits first, NetworkManager 1.16 or later drops the activation bound to its bus
    /// connection; an older one keeps it).
    /// </summary>
    public static async Task<SoftApLease> JoinAsync(SoftApJoinRequest request, Action<SoftApEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Ssid);
        try
        {
            return await JoinOnBusAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DBusExceptionBase exception)
        {
            // Whatever was joined is restored by now (JoinOnBusAsync's own catch): only the error's type is left to give.
            throw NmBus.Translate(exception, (why, inner) => new AccessPointJoinFailedException(request.Ssid, 0, $"NetworkManager failed while joining {request.Ssid}: {why}.", inner));
        }
    }

    private static async Task<SoftApLease> JoinOnBusAsync(SoftApJoinRequest request, Action<SoftApEvent>? progress, CancellationToken cancellationToken)
    {
        var connection = await NmBus.OpenAsync(request.BusAddress, cancellationToken).ConfigureAwait(false);
        SoftApLease? lease = null;
        var handedOver = false;
        try
        {
            var device = await WifiDevice.FindAsync(connection, request.Interface, cancellationToken).ConfigureAwait(false);
            var previous = await PreviousAsync(connection, device, cancellationToken).ConfigureAwait(false);
            if (previous is { OnAp: true } && previous.Gateway is { } gateway && previous.Ssid == request.Ssid)
            {
                progress?.Invoke(new AccessPointAlreadyJoined(request.Ssid, device.Interface, gateway));
                return lease = new SoftApLease(connection, device.Path, request.Ssid, device.Interface, gateway, null, null, request.RestoreTimeout, progress);
            }

            progress?.Invoke(new WifiDeviceSelected(device.Interface, previous?.Name));
            var ap = await FindAccessPointAsync(connection, device, request, progress, cancellationToken).ConfigureAwait(false);
            if (request.Password is null && AccessPoints.Security(ap.Properties) is not ("open" or "OWE") and var security)
            {
                // NetworkManager would ask a desktop password dialog, if any, for what only the caller knows.
                throw new AccessPointAuthenticationException(request.Ssid, 0, $"{request.Ssid} is protected ({security}) and no password was given.", passwordMissing: true);
            }

            progress?.Invoke(new AccessPointJoining(request.Ssid, ap.Strength));
            using var watch = await ActivationWatch.StartAsync(connection, device.Path).ConfigureAwait(false);
            var restore = previous is { Profile: { } profile } ? (profile, previous.Name) : ((string, string)?)null;
            SoftApLease LeaseFor(SoftApLease.Temporary temporary) => new(connection, device.Path, request.Ssid, device.Interface, null, temporary, restore, request.RestoreTimeout, progress);

            // One deadline from the request to the IPv4 address, so the join timeout is the longest the join takes.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(request.JoinTimeout);
            var activation = ActivateAsync(connection, device, ap, request, deadline.Token);
            SoftApLease.Temporary temporary;
            try
            {
                temporary = await activation.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception)
            {
                handedOver = true;
                await UndoWhenAnsweredAsync(activation, LeaseFor, connection, request.RestoreTimeout).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new AccessPointJoinTimeoutException(request.Ssid, request.JoinTimeout, $"NetworkManager did not answer the request to join {request.Ssid} within {request.JoinTimeout.TotalSeconds:0.#} s.", exception);
            }

            lease = LeaseFor(temporary);
            try
            {
                lease.DeviceAddress = await watch.WaitForGatewayAsync(connection, temporary.Active, request.Ssid, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new AccessPointJoinTimeoutException(request.Ssid, request.JoinTimeout, $"{request.Ssid} was not connected with an IPv4 address within {request.JoinTimeout.TotalSeconds:0.#} s.", exception);
            }

            progress?.Invoke(new AccessPointJoined(request.Ssid, device.Interface, lease.DeviceAddress));
            return lease;
        }
        catch
        {
            if (lease is not null)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
            else if (!handedOver)
            {
                connection.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// NetworkManager may still act on a request it did not answer in time, and switch networks after esp-prov gave
    /// up or was cancelled. Whatever it answers is undone like any lease (deactivated, deleted, the previous connection
    /// back) on this connection, which stays open until then: awaited for up to <paramref name="bound"/>, then left
    /// running. A process that exits before the answer closes the connection, and NetworkManager then drops an
    /// activation bound to this client by itself (AddAndActivateConnection2's bind-activation; before 1.16 nothing is
    /// bound).
    /// </summary>
    private static async Task UndoWhenAnsweredAsync(Task<SoftApLease.Temporary> activation, Func<SoftApLease.Temporary, SoftApLease> leaseFor, DBusConnection connection, TimeSpan bound)
    {
        var undo = UndoAsync(activation, leaseFor, connection);

        // Only the wait for the answer is bounded here: an answer that came in time (a refusal included) is undone in
        // full (the lease's restore has its own limit), so a join answered late is never left half undone at exit.
        if (await Task.WhenAny(activation, Task.Delay(bound)).ConfigureAwait(false) == activation)
        {
            await undo.ConfigureAwait(false);
        }
    }

    private static async Task UndoAsync(Task<SoftApLease.Temporary> activation, Func<SoftApLease.Temporary, SoftApLease> leaseFor, DBusConnection connection)
    {
        SoftApLease.Temporary temporary;
        try
        {
            temporary = await activation.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SoftApJoinException or DBusExceptionBase or OperationCanceledException)
        {
            // Refused after all, the bus went, or the profile was not activated (before 1.16, the deadline came
            // between adding and activating): NetworkManager switched nothing for esp-prov.
            connection.Dispose();
            return;
        }

        await leaseFor(temporary).DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<AccessPointEntry> FindAccessPointAsync(DBusConnection connection, WifiDevice device, SoftApJoinRequest request, Action<SoftApEvent>? progress, CancellationToken cancellationToken)
    {
        if (Strongest(await AccessPoints.ListAsync(connection, device.Path, cancellationToken).ConfigureAwait(false), request.Ssid) is { } known)
        {
            return known;
        }

        progress?.Invoke(new AccessPointScanRequested(request.Ssid));
        await AccessPoints.ScanAsync(connection, device.Path, request.ScanTimeout, cancellationToken).ConfigureAwait(false);
        return Strongest(await AccessPoints.ListAsync(connection, device.Path, cancellationToken).ConfigureAwait(false), request.Ssid)
            ?? throw new AccessPointNotFoundException(request.Ssid, $"Access point {request.Ssid} not found by {device.Interface} after scanning: is the device in provisioning mode and in range?");
    }

    private static AccessPointEntry? Strongest(IReadOnlyList<AccessPointEntry> entries, string ssid) =>
        entries.Where(e => e.SsidText == ssid).OrderByDescending(e => e.Strength).FirstOrDefault();

    /// <summary>
    /// Adds and activates the temporary profile. Not bounded here, and a request sent is not abandoned on
    /// <paramref name="stop"/>: once asked, NetworkManager switches networks, so its answer is what tells what to
    /// restore (the caller bounds the wait and undoes a late answer). <paramref name="stop"/> only keeps a second
    /// request from being sent.
    /// </summary>
    private static async Task<SoftApLease.Temporary> ActivateAsync(DBusConnection connection, WifiDevice device, AccessPointEntry ap, SoftApJoinRequest request, CancellationToken stop)
    {
        var settings = TemporaryProfile.For(request.Ssid, request.Password);
        try
        {
            try
            {
                var (profile, active) = await NmCalls.AddAndActivate2Async(connection, settings, device.Path, ap.Path).ConfigureAwait(false);
                return new SoftApLease.Temporary(profile, active);
            }
            catch (DBusErrorReplyException exception) when (exception.ErrorName == NmNames.ErrorUnknownMethod)
            {
                return await AddUnsavedAndActivateAsync(connection, settings, device, ap, stop).ConfigureAwait(false);
            }
        }
        catch (DBusErrorReplyException exception)
        {
            throw NmBus.Translate(exception, (why, inner) => new AccessPointJoinFailedException(request.Ssid, 0, $"NetworkManager could not add a connection for {request.Ssid}: {why}.", inner));
        }
    }

    /// <summary>
    /// NetworkManager before 1.16: its AddAndActivateConnection would save the profile, password included, to disk, so
    /// the profile is added in memory only and then activated. Nothing binds it to this process (restoring deletes
    /// it); an activation refused, or not asked for because <paramref name="stop"/> came first, leaves no profile behind either.
    /// </summary>
    private static async Task<SoftApLease.Temporary> AddUnsavedAndActivateAsync(DBusConnection connection, SettingsMap settings, WifiDevice device, AccessPointEntry ap, CancellationToken stop)
    {
        var profile = await NmCalls.AddUnsavedAsync(connection, settings).ConfigureAwait(false);
        try
        {
            stop.ThrowIfCancellationRequested();
            return new SoftApLease.Temporary(profile, await NmCalls.ActivateAsync(connection, profile, device.Path, ap.Path).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is DBusExceptionBase or OperationCanceledException)
        {
            try
            {
                await NmCalls.DeleteProfileAsync(connection, profile).ConfigureAwait(false);
            }
            catch (DBusExceptionBase)
            {
                // The activation's error is the one to report; an unsaved profile goes at NetworkManager's restart anyway.
            }

            throw;
        }
    }

    private static async Task<Previous?> PreviousAsync(DBusConnection connection, WifiDevice device, CancellationToken cancellationToken)
    {
        if (device.ActiveConnection is not { } activePath)
        {
            return null;
        }

        try
        {
            var active = await NmCalls.GetAllAsync(connection, activePath, NmNames.ActiveConnection).WaitAsync(cancellationToken).ConfigureAwait(false);
            var wireless = await NmCalls.GetAllAsync(connection, device.Path, NmNames.Wireless).WaitAsync(cancellationToken).ConfigureAwait(false);
            string? ssid = null;
            if (wireless.Path("ActiveAccessPoint") is { } apPath)
            {
                ssid = System.Text.Encoding.UTF8.GetString((await NmCalls.GetAllAsync(connection, apPath, NmNames.AccessPoint).WaitAsync(cancellationToken).ConfigureAwait(false)).Bytes("Ssid"));
            }

            IPAddress? gateway = null;
            if (device.Properties.Path("Ip4Config") is { } ip4Path
                && IPAddress.TryParse((await NmCalls.GetAllAsync(connection, ip4Path, NmNames.Ip4Config).WaitAsync(cancellationToken).ConfigureAwait(false)).String("Gateway"), out var parsed))
            {
                gateway = parsed;
            }

            var onAp = (ActiveState)active.UInt32("State") == ActiveState.Activated;
            return new Previous(active.Path("Connection"), active.String("Id") ?? ssid ?? "the previous connection", ssid, onAp, gateway);
        }
        catch (DBusErrorReplyException exception) when (NmBus.IsGone(exception))
        {
            // It went down while we looked: there is nothing to restore.
            return null;
        }
    }

    /// <summary>What the device was connected to: its profile (to reactivate), name, SSID, and gateway.</summary>
    private sealed record Previous(string? Profile, string Name, string? Ssid, bool OnAp, IPAddress? Gateway);
}
