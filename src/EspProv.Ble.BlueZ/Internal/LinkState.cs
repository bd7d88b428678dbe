namespace EspProv.Ble.BlueZ.Internal;

/// <summary>Follows one device's Connected and ServicesResolved properties.</summary>
internal sealed class LinkState : IDisposable
{
    private IDisposable? _subscription;

    private LinkState()
    {
    }

    /// <summary>Completes when ServicesResolved turns true.</summary>
    public TaskCompletionSource ServicesResolved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when Connected turns false.</summary>
    public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Subscribes before anything is asked of the device, so no change can be missed.</summary>
    public static async Task<LinkState> WatchAsync(DBusConnection connection, string devicePath)
    {
        var state = new LinkState();
        state._subscription = await SignalWatch.PropertiesChangedAsync(connection, BlueZNames.Service, devicePath, state.OnChanged).ConfigureAwait(false);
        return state;
    }

    private void OnChanged(string path, string @interface, PropertyMap changed)
    {
        if (@interface != BlueZNames.Device)
        {
            return;
        }

        if (changed.GetBool("ServicesResolved") == true)
        {
            ServicesResolved.TrySetResult();
        }

        if (changed.GetBool("Connected") == false)
        {
            Lost.TrySetResult();
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
