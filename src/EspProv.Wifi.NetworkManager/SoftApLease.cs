using System.Net;
using EspProv.Wifi.NetworkManager.Internal;

namespace EspProv.Wifi.NetworkManager;

/// <summary>
/// The host on the device's access point. Disposing restores what was there before: the temporary profile is
/// deactivated and deleted and the previous connection activated again, whatever happened meanwhile (success,
/// failure, cancellation, or the device having taken its AP down). Restoring never throws: a problem is reported
/// as <see cref="ConnectionRestoreFailed"/> and kept in <see cref="RestoreProblem"/>.
/// </summary>
public sealed class SoftApLease : IAsyncDisposable
{
    private readonly DBusConnection _connection;
    private readonly string _devicePath;
    private readonly string? _profilePath;
    private readonly string? _activePath;
    private readonly (string Profile, string Name)? _previous;
    private readonly TimeSpan _restoreTimeout;
    private readonly Action<SoftApEvent>? _progress;
    private int _disposed;

    internal SoftApLease(DBusConnection connection, string devicePath, string ssid, string @interface, IPAddress? deviceAddress, Temporary? temporary, (string Profile, string Name)? previous, TimeSpan restoreTimeout, Action<SoftApEvent>? progress)
    {
        _connection = connection;
        _devicePath = devicePath;
        Ssid = ssid;
        Interface = @interface;
        DeviceAddress = deviceAddress ?? IPAddress.None;
        _profilePath = temporary?.Profile;
        _activePath = temporary?.Active;
        _previous = previous;
        _restoreTimeout = restoreTimeout;
        _progress = progress;
    }

    /// <summary>The AP joined.</summary>
    public string Ssid { get; }

    /// <summary>The Wi-Fi interface used.</summary>
    public string Interface { get; }

    /// <summary>The device: the IPv4 gateway NetworkManager got on its AP.</summary>
    public IPAddress DeviceAddress { get; internal set; }

    /// <summary>False when the host was already on the AP: then nothing is changed and nothing restored.</summary>
    public bool Joined => _activePath is not null;

    /// <summary>Why the previous connection could not be brought back, or null.</summary>
    public string? RestoreProblem { get; private set; }

    /// <summary>Restores (once); bounded by the request's restore timeout, independent of any caller's token.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (Joined)
            {
                using var deadline = new CancellationTokenSource(_restoreTimeout);
                await LeaveAsync(deadline.Token).ConfigureAwait(false);
                if (_previous is { } previous)
                {
                    await ReactivateAsync(previous.Profile, previous.Name, deadline.Token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _connection.Dispose();
        }
    }

    private async Task LeaveAsync(CancellationToken cancellationToken)
    {
        // Either may already be gone: the device dropped its AP, and a volatile profile goes with its connection.
        await IgnoringErrorReplies(NmCalls.DeactivateAsync(_connection, _activePath!), cancellationToken).ConfigureAwait(false);
        await IgnoringErrorReplies(NmCalls.DeleteProfileAsync(_connection, _profilePath!), cancellationToken).ConfigureAwait(false);
        _progress?.Invoke(new AccessPointLeft(Ssid));
    }

    private async Task ReactivateAsync(string profile, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (await IsActiveAsync(profile, cancellationToken).ConfigureAwait(false))
            {
                // NetworkManager's autoconnect was quicker (the AP went down first); activating again would only cycle it.
                _progress?.Invoke(new ConnectionRestored(name));
                return;
            }

            using var watch = await ActivationWatch.StartAsync(_connection, _devicePath).ConfigureAwait(false);
            var active = await NmCalls.ActivateAsync(_connection, profile, _devicePath).WaitAsync(cancellationToken).ConfigureAwait(false);
            await watch.WaitForActivationAsync(_connection, active, name, cancellationToken).ConfigureAwait(false);
            _progress?.Invoke(new ConnectionRestored(name));
        }
        catch (Exception exception) when (exception is DBusExceptionBase or SoftApJoinException or OperationCanceledException)
        {
            RestoreProblem = exception is OperationCanceledException ? $"not active again within {_restoreTimeout.TotalSeconds:0.#} s" : exception.Message;
            _progress?.Invoke(new ConnectionRestoreFailed(name, RestoreProblem));
        }
    }

    private async Task<bool> IsActiveAsync(string profile, CancellationToken cancellationToken)
    {
        var device = await NmCalls.GetAllAsync(_connection, _devicePath, NmNames.Device).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (device.Path("ActiveConnection") is not { } activePath || activePath == _activePath)
        {
            return false;
        }

        try
        {
            var active = await NmCalls.GetAllAsync(_connection, activePath, NmNames.ActiveConnection).WaitAsync(cancellationToken).ConfigureAwait(false);
            return active.Path("Connection") == profile && (ActiveState)active.UInt32("State") is ActiveState.Activating or ActiveState.Activated;
        }
        catch (DBusErrorReplyException)
        {
            return false;
        }
    }

    // Leaving goes on to reactivating whatever NetworkManager answers, or if it does not answer in time.
    private static async Task IgnoringErrorReplies(Task call, CancellationToken cancellationToken)
    {
        try
        {
            await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DBusExceptionBase or OperationCanceledException)
        {
        }
    }

    /// <summary>The temporary profile and its activation.</summary>
    internal sealed record Temporary(string Profile, string Active);
}
