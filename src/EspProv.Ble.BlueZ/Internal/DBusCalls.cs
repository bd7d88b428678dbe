namespace EspProv.Ble.BlueZ.Internal;

/// <summary>
/// The method calls esp-prov makes on BlueZ-shaped objects. Each builds its message synchronously (a
/// <see cref="MessageWriter"/> is never held across an await) and then awaits the reply.
/// </summary>
internal static class DBusCalls
{
    private static readonly PropertyMap NoOptions = new(StringComparer.Ordinal);

    /// <summary>Calls a method that takes and returns nothing.</summary>
    public static Task CallAsync(DBusConnection connection, string destination, string path, string @interface, string member)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, @interface, member);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message);
    }

    /// <summary>Calls a method that takes one object path (Adapter1.RemoveDevice, *Manager1.Unregister*).</summary>
    public static Task CallWithPathAsync(DBusConnection connection, string destination, string path, string @interface, string member, string argument)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, @interface, member, "o");
            writer.WriteObjectPath(argument);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message);
    }

    /// <summary>Calls a method that takes an object path and an options dictionary (Register*).</summary>
    public static Task CallWithPathAndOptionsAsync(DBusConnection connection, string destination, string path, string @interface, string member, string argument, PropertyMap? options = null)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, @interface, member, "oa{sv}");
            writer.WriteObjectPath(argument);
            writer.WriteDictionary(options ?? NoOptions);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message);
    }

    /// <summary>Calls a method that takes only an options dictionary (SetDiscoveryFilter).</summary>
    public static Task CallWithOptionsAsync(DBusConnection connection, string destination, string path, string @interface, string member, PropertyMap options)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, @interface, member, "a{sv}");
            writer.WriteDictionary(options);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message);
    }

    /// <summary>GattCharacteristic1/GattDescriptor1.ReadValue(a{sv}) → ay.</summary>
    public static Task<byte[]> ReadValueAsync(DBusConnection connection, string destination, string path, string @interface, PropertyMap? options = null)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, @interface, "ReadValue", "a{sv}");
            writer.WriteDictionary(options ?? NoOptions);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message, static (m, _) => m.GetBodyReader().ReadArrayOfByte(), null);
    }

    /// <summary>GattCharacteristic1.WriteValue(ay, a{sv}).</summary>
    public static Task WriteValueAsync(DBusConnection connection, string destination, string path, ReadOnlySpan<byte> value, PropertyMap options)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, BlueZNames.GattCharacteristic, "WriteValue", "aya{sv}");
            writer.WriteArray(value);
            writer.WriteDictionary(options);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message);
    }

    /// <summary>ObjectManager.GetManagedObjects() → a{oa{sa{sv}}}.</summary>
    public static Task<Dictionary<string, InterfaceMap>> GetManagedObjectsAsync(DBusConnection connection, string destination, string path)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, BlueZNames.ObjectManager, "GetManagedObjects");
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message, static (m, _) =>
        {
            var reader = m.GetBodyReader();
            return DBusWire.ReadManagedObjects(ref reader);
        }, null);
    }

    /// <summary>Properties.Get(s, s) → v.</summary>
    public static Task<VariantValue> GetPropertyAsync(DBusConnection connection, string destination, string path, string @interface, string name)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, BlueZNames.Properties, "Get", "ss");
            writer.WriteString(@interface);
            writer.WriteString(name);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message, static (m, _) => m.GetBodyReader().ReadVariantValue(), null);
    }

    /// <summary>Properties.GetAll(s) → a{sv}.</summary>
    public static Task<PropertyMap> GetAllPropertiesAsync(DBusConnection connection, string destination, string path, string @interface)
    {
        MessageBuffer message;
        using (var writer = connection.GetMessageWriter())
        {
            writer.WriteMethodCallHeader(destination, path, BlueZNames.Properties, "GetAll", "s");
            writer.WriteString(@interface);
            message = writer.CreateMessage();
        }

        return connection.CallMethodAsync(message, static (m, _) => m.GetBodyReader().ReadDictionaryOfStringToVariantValue(), null);
    }
}
