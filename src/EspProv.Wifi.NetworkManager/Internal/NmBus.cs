namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>Opens the system bus and checks that NetworkManager is on it, or says in one line why not.</summary>
internal static class NmBus
{
    /// <summary>Connects to <paramref name="address"/> (null: the system bus, honouring DBUS_SYSTEM_BUS_ADDRESS) and checks for NetworkManager.</summary>
    public static async Task<DBusConnection> OpenAsync(string? address, CancellationToken cancellationToken)
    {
        var target = address ?? DBusAddress.System;
        if (string.IsNullOrEmpty(target))
        {
            throw new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.NoBus, "NetworkManager is unavailable: there is no D-Bus system bus address.");
        }

        var connection = new DBusConnection(target);
        try
        {
            try
            {
                await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.NoBus, $"NetworkManager is unavailable: cannot connect to the D-Bus system bus ({exception.Message}).", exception);
            }

            var names = await connection.ListServicesAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!names.Contains(NmNames.Service, StringComparer.Ordinal))
            {
                throw new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.NotRunning, "NetworkManager is not running on the system bus.");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Polkit's refusal, in NetworkManager's words, as the typed error.</summary>
    public static NetworkManagerUnavailableException? PermissionProblem(DBusErrorReplyException exception) =>
        exception.ErrorName == NmNames.ErrorPermissionDenied
            ? new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.PermissionDenied, $"NetworkManager refused to add the temporary connection: {exception.Message.TrimEnd('.')} (polkit: run from the desktop session, or with sudo over SSH).", exception)
            : null;
}
