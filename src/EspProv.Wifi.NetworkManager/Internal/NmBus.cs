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

    /// <summary>
    /// The one mapping from D-Bus failures to the typed errors, for the public entry points: a lost bus connection, or
    /// NetworkManager gone from the bus (it restarted or stopped), is <see cref="NetworkManagerUnavailableException"/>;
    /// polkit's refusal is <see cref="PermissionProblem"/>; anything else (a bus policy's AccessDenied, an object
    /// gone, a reply esp-prov cannot read) is what <paramref name="otherwise"/> makes of the one-line reason.
    /// </summary>
    public static SoftApJoinException Translate(DBusExceptionBase exception, Func<string, DBusExceptionBase, SoftApJoinException> otherwise) => exception switch
    {
        DBusConnectionException => new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.NoBus, $"NetworkManager is unavailable: the D-Bus system bus connection failed ({OneLine(exception.Message)}).", exception),
        DBusErrorReplyException { ErrorName: ErrorServiceUnknown or ErrorNameHasNoOwner or ErrorNoReply } reply =>
            new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.NotRunning, $"NetworkManager left the system bus or stopped answering ({OneLine(reply.ErrorMessage)}).", exception),
        DBusErrorReplyException reply when PermissionProblem(reply) is { } refused => refused,
        DBusErrorReplyException reply => otherwise($"{OneLine(reply.ErrorMessage)} ({reply.ErrorName})", exception),
        _ => otherwise(OneLine(exception.Message), exception),
    };

    /// <summary>The object asked about is gone (a scan entry, an activation that ended): not a failure of NetworkManager itself.</summary>
    public static bool IsGone(DBusErrorReplyException exception) => exception.ErrorName is ErrorUnknownObject or ErrorUnknownInterface or ErrorUnknownMethod or ErrorInvalidArgs;

    // Error texts come from other processes: one line, whatever they hold.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');

    private const string ErrorServiceUnknown = "org.freedesktop.DBus.Error.ServiceUnknown";
    private const string ErrorNameHasNoOwner = "org.freedesktop.DBus.Error.NameHasNoOwner";
    private const string ErrorNoReply = "org.freedesktop.DBus.Error.NoReply";
    private const string ErrorUnknownObject = "org.freedesktop.DBus.Error.UnknownObject";
    private const string ErrorUnknownInterface = "org.freedesktop.DBus.Error.UnknownInterface";
    private const string ErrorUnknownMethod = NmNames.ErrorUnknownMethod;
    private const string ErrorInvalidArgs = "org.freedesktop.DBus.Error.InvalidArgs";

    /// <summary>Polkit's refusal, in NetworkManager's words, as the typed error.</summary>
    public static NetworkManagerUnavailableException? PermissionProblem(DBusErrorReplyException exception) =>
        exception.ErrorName == NmNames.ErrorPermissionDenied
            ? new NetworkManagerUnavailableException(NetworkManagerUnavailableReason.PermissionDenied, $"NetworkManager refused to add the temporary connection: {exception.Message.TrimEnd('.')} (polkit: run from the desktop session, or with sudo over SSH).", exception)
            : null;
}
