using System.Net;
using System.Threading.Channels;

namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>
/// Follows one activation on one device: the active connection's StateChanged (state, reason) and the device's
/// StateChanged (new, old, reason), whose reason is the one that tells a wrong password from a vanished AP.
/// Subscribed before the activation is requested, so no change is missed.
/// </summary>
internal sealed class ActivationWatch : IDisposable
{
    // NM_DEVICE_STATE_NEED_AUTH and NM_DEVICE_STATE_FAILED: the states whose reason explains a failed activation.
    private const uint DeviceNeedAuth = 60;
    private const uint DeviceFailed = 120;

    // Marks the device's NEED_AUTH in the queue of active-connection changes (no object has this path).
    private const string NeedAuth = "need-auth";

    private readonly Channel<(string Path, uint State, uint Reason)> _changes = Channel.CreateUnbounded<(string, uint, uint)>();
    private readonly List<IDisposable> _subscriptions = [];
    private uint _deviceReason;

    private ActivationWatch()
    {
    }

    public static async Task<ActivationWatch> StartAsync(DBusConnection connection, string devicePath)
    {
        var watch = new ActivationWatch();
        try
        {
            watch._subscriptions.Add(await Subscribe(connection, NmNames.ActiveConnection, null, static m =>
            {
                var reader = m.GetBodyReader();
                return (m.PathAsString ?? string.Empty, reader.ReadUInt32(), reader.ReadUInt32());
            }, watch._changes.Writer).ConfigureAwait(false));
            watch._subscriptions.Add(await Subscribe(connection, NmNames.Device, devicePath, m =>
            {
                var reader = m.GetBodyReader();
                var state = reader.ReadUInt32();
                reader.ReadUInt32();
                var reason = reader.ReadUInt32();
                if (state is DeviceNeedAuth or DeviceFailed && reason != 0)
                {
                    Interlocked.Exchange(ref watch._deviceReason, reason);
                }

                return (state == DeviceNeedAuth ? NeedAuth : string.Empty, state, reason);
            }, watch._changes.Writer).ConfigureAwait(false));
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="activePath"/> is activated; throws the typed error when it goes down instead. The
    /// token is the caller's deadline as well as its cancellation. With <paramref name="failOnNeedAuth"/> (joining,
    /// where esp-prov holds the only secret), the device asking for secrets again fails at once: NetworkManager would
    /// otherwise wait for a desktop password dialog for the device's AP (the password given was refused, or the AP
    /// wants one and none was given).
    /// </summary>
    public async Task WaitForActivationAsync(DBusConnection connection, string activePath, string name, CancellationToken cancellationToken, bool failOnNeedAuth = false)
    {
        var (state, reason) = await CurrentStateAsync(connection, activePath, cancellationToken).ConfigureAwait(false);
        while (state is not (ActiveState.Activated or ActiveState.Deactivated))
        {
            var change = await _changes.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (change.Path == NeedAuth && failOnNeedAuth)
            {
                throw Failure(name, 0, change.Reason != 0 ? change.Reason : (uint)DeviceReason.NoSecrets);
            }

            if (change.Path == activePath)
            {
                (state, reason) = ((ActiveState)change.State, change.Reason);
            }
        }

        if (state == ActiveState.Deactivated)
        {
            throw Failure(name, reason, Volatile.Read(ref _deviceReason));
        }
    }

    /// <summary>Waits for the activation (<see cref="WaitForActivationAsync"/>) and returns its IPv4 gateway: the device.</summary>
    public async Task<IPAddress> WaitForGatewayAsync(DBusConnection connection, string activePath, string ssid, CancellationToken cancellationToken)
    {
        await WaitForActivationAsync(connection, activePath, ssid, cancellationToken, failOnNeedAuth: true).ConfigureAwait(false);
        var active = await NmCalls.GetAllAsync(connection, activePath, NmNames.ActiveConnection).WaitAsync(cancellationToken).ConfigureAwait(false);
        var ip4 = active.Path("Ip4Config") is { } ip4Path
            ? await NmCalls.GetAllAsync(connection, ip4Path, NmNames.Ip4Config).WaitAsync(cancellationToken).ConfigureAwait(false)
            : [];
        return IPAddress.TryParse(ip4.String("Gateway"), out var gateway)
            ? gateway
            : throw new AccessPointJoinFailedException(ssid, 0, $"Joined {ssid} but NetworkManager reports no IPv4 gateway there (the device's address).");
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _changes.Writer.TryComplete();
    }

    private static async Task<(ActiveState, uint)> CurrentStateAsync(DBusConnection connection, string activePath, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await NmCalls.GetAllAsync(connection, activePath, NmNames.ActiveConnection).WaitAsync(cancellationToken).ConfigureAwait(false);
            return ((ActiveState)properties.UInt32("State"), 0);
        }
        catch (DBusErrorReplyException exception) when (NmBus.IsGone(exception))
        {
            // Already gone (NetworkManager drops a failed activation at once): its StateChanged is in the queue.
            return (ActiveState.Unknown, 0);
        }
    }

    private static SoftApJoinException Failure(string ssid, uint activeReason, uint deviceReason)
    {
        var reason = deviceReason != 0 ? deviceReason : activeReason;
        var why = $"NetworkManager: {ReasonName(deviceReason, activeReason)}";
        return (DeviceReason)deviceReason switch
        {
            DeviceReason.NoSecrets or DeviceReason.SupplicantDisconnect or DeviceReason.SupplicantConfigFailed or DeviceReason.SupplicantFailed or DeviceReason.SupplicantTimeout =>
                new AccessPointAuthenticationException(ssid, reason, $"{ssid} refused the password ({why})."),
            _ when (ActiveReason)activeReason is ActiveReason.NoSecrets or ActiveReason.LoginFailed =>
                new AccessPointAuthenticationException(ssid, reason, $"{ssid} refused the password ({why})."),
            DeviceReason.SsidNotFound => new AccessPointNotFoundException(ssid, $"{ssid} went away while joining ({why})."),
            DeviceReason.IpConfigUnavailable or DeviceReason.DhcpStartFailed or DeviceReason.DhcpError or DeviceReason.DhcpFailed =>
                new AccessPointJoinFailedException(ssid, reason, $"{ssid} gave this computer no IPv4 address ({why})."),
            _ => new AccessPointJoinFailedException(ssid, reason, $"NetworkManager could not join {ssid} ({why})."),
        };
    }

    private static string ReasonName(uint deviceReason, uint activeReason) => ((DeviceReason)deviceReason) switch
    {
        DeviceReason.NoSecrets => "no-secrets",
        DeviceReason.SupplicantDisconnect => "supplicant-disconnect",
        DeviceReason.SupplicantConfigFailed => "supplicant-config-failed",
        DeviceReason.SupplicantFailed => "supplicant-failed",
        DeviceReason.SupplicantTimeout => "supplicant-timeout",
        DeviceReason.SsidNotFound => "ssid-not-found",
        DeviceReason.IpConfigUnavailable => "ip-config-unavailable",
        DeviceReason.DhcpStartFailed or DeviceReason.DhcpError or DeviceReason.DhcpFailed => "dhcp-failed",
        _ when deviceReason != 0 => $"device state reason {deviceReason}",
        _ => $"connection state reason {activeReason}",
    };

    private static Task<IDisposable> Subscribe(DBusConnection connection, string @interface, string? path, Func<Message, (string, uint, uint)> read, ChannelWriter<(string, uint, uint)>? sink) =>
        connection.AddMatchAsync(
            new MatchRule { Type = MessageType.Signal, Sender = NmNames.Service, Interface = @interface, Member = "StateChanged", Path = path },
            (m, state) => ((Func<Message, (string, uint, uint)>)state!)(m),
            notification =>
            {
                if (notification.HasValue)
                {
                    sink?.TryWrite(notification.Value);
                }
            },
            false,
            ObserverFlags.None,
            read).AsTask();
}
