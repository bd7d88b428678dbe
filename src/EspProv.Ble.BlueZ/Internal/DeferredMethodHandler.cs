namespace EspProv.Ble.BlueZ.Internal;

/// <summary>
/// Base of exported object trees. Every call is handled off the connection's reader loop
/// (<see cref="MethodContext.DisposesAsynchronously"/>), so a handler may itself call other peers and await
/// the replies. Exceptions become error replies; <see cref="DBusMethodError"/> chooses the error name.
/// </summary>
internal abstract class DeferredMethodHandler : IPathMethodHandler
{
    protected DeferredMethodHandler(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public bool HandlesChildPaths => true;

    public ValueTask HandleMethodAsync(MethodContext context)
    {
        if (context.IsDBusIntrospectRequest)
        {
            context.ReplyIntrospectXml([], Array.Empty<string>());
            return ValueTask.CompletedTask;
        }

        context.DisposesAsynchronously = true;
        _ = Task.Run(() => RunAsync(context));
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(MethodContext context)
    {
        try
        {
            await HandleAsync(context).ConfigureAwait(false);
            if (!context.ReplySent && !context.NoReplyExpected)
            {
                context.ReplyUnknownMethodError();
            }
        }
        catch (DBusMethodError error)
        {
            ReplyError(context, error.ErrorName, error.Message);
        }
        catch (Exception exception)
        {
            ReplyError(context, BlueZNames.ErrorFailed, exception.Message);
        }
        finally
        {
            context.Dispose();
        }
    }

    private static void ReplyError(MethodContext context, string name, string message)
    {
        if (!context.ReplySent && !context.NoReplyExpected)
        {
            context.ReplyError(name, message);
        }
    }

    /// <summary>Handles one call; must reply (or throw) unless no reply is expected.</summary>
    protected abstract Task HandleAsync(MethodContext context);

    /// <summary>Replies with no values.</summary>
    protected static void ReplyEmpty(MethodContext context)
    {
        using var writer = context.CreateReplyWriter(null!);
        context.Reply(writer.CreateMessage());
    }

    /// <summary>Replies with ay.</summary>
    protected static void ReplyBytes(MethodContext context, ReadOnlySpan<byte> value)
    {
        using var writer = context.CreateReplyWriter("ay");
        writer.WriteArray(value);
        context.Reply(writer.CreateMessage());
    }

    /// <summary>Replies with v.</summary>
    protected static void ReplyVariant(MethodContext context, VariantValue value)
    {
        using var writer = context.CreateReplyWriter("v");
        writer.WriteVariant(value);
        context.Reply(writer.CreateMessage());
    }

    /// <summary>Replies with a{sv}.</summary>
    protected static void ReplyProperties(MethodContext context, PropertyMap properties)
    {
        using var writer = context.CreateReplyWriter("a{sv}");
        writer.WriteDictionary(properties);
        context.Reply(writer.CreateMessage());
    }

    /// <summary>Replies with a{oa{sa{sv}}}.</summary>
    protected static void ReplyManagedObjects(MethodContext context, IEnumerable<KeyValuePair<string, InterfaceMap>> objects)
    {
        var writer = context.CreateReplyWriter("a{oa{sa{sv}}}");
        try
        {
            DBusWire.WriteManagedObjects(ref writer, objects);
            context.Reply(writer.CreateMessage());
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Answers Properties.Get/GetAll from <paramref name="interfaces"/>; returns false for other calls.</summary>
    protected static bool TryReplyProperties(MethodContext context, InterfaceMap interfaces)
    {
        var request = context.Request;
        if (request.InterfaceAsString != BlueZNames.Properties)
        {
            return false;
        }

        var reader = request.GetBodyReader();
        var @interface = reader.ReadString();
        if (!interfaces.TryGetValue(@interface, out var properties))
        {
            throw new DBusMethodError("org.freedesktop.DBus.Error.InvalidArgs", $"No such interface '{@interface}'.");
        }

        switch (request.MemberAsString)
        {
            case "GetAll":
                ReplyProperties(context, properties);
                return true;
            case "Get":
                var name = reader.ReadString();
                if (!properties.TryGetValue(name, out var value))
                {
                    throw new DBusMethodError("org.freedesktop.DBus.Error.InvalidArgs", $"No such property '{name}'.");
                }

                ReplyVariant(context, value);
                return true;
            default:
                throw new DBusMethodError(BlueZNames.ErrorUnknownMethod, $"Properties.{request.MemberAsString} is not supported.");
        }
    }
}
