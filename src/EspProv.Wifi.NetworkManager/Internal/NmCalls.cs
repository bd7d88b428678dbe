namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>Writes a call's arguments; a <see cref="MessageWriter"/> is never held across an await.</summary>
internal delegate void ArgumentWriter(ref MessageWriter writer);

/// <summary>Method calls on NetworkManager's objects: one builder for every call, typed wrappers for those esp-prov makes.</summary>
internal static class NmCalls
{
    private static readonly PropertyMap NoOptions = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="member"/> and reads the reply with <paramref name="read"/>.</summary>
    public static Task<T> CallAsync<T>(DBusConnection connection, string path, string @interface, string member, string? signature, ArgumentWriter? arguments, MessageValueReader<T> read)
    {
        MessageBuffer message;
        var writer = connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(NmNames.Service, path, @interface, member, signature);
            arguments?.Invoke(ref writer);
            message = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        return connection.CallMethodAsync(message, read, null);
    }

    /// <summary>Calls a method whose reply carries nothing esp-prov needs.</summary>
    public static Task CallAsync(DBusConnection connection, string path, string @interface, string member, string? signature = null, ArgumentWriter? arguments = null) =>
        CallAsync(connection, path, @interface, member, signature, arguments, static (_, _) => true);

    /// <summary>Properties.GetAll(s) → a{sv}.</summary>
    public static Task<PropertyMap> GetAllAsync(DBusConnection connection, string path, string @interface) =>
        CallAsync(connection, path, NmNames.Properties, "GetAll", "s", (ref MessageWriter w) => w.WriteString(@interface), static (m, _) => m.GetBodyReader().ReadDictionaryOfStringToVariantValue());

    /// <summary>A method returning ao (GetDevices, GetAllAccessPoints).</summary>
    public static Task<string[]> GetPathsAsync(DBusConnection connection, string path, string @interface, string member) =>
        CallAsync(connection, path, @interface, member, null, null, static (m, _) => m.GetBodyReader().ReadArrayOfObjectPath().Select(p => p.ToString()).ToArray());

    /// <summary>Device.Wireless.RequestScan(a{sv}).</summary>
    public static Task RequestScanAsync(DBusConnection connection, string devicePath) =>
        CallAsync(connection, devicePath, NmNames.Wireless, "RequestScan", "a{sv}", (ref MessageWriter w) => w.WriteDictionary(NoOptions));

    /// <summary>
    /// AddAndActivateConnection2(a{sa{sv}} o o a{sv}) → (o profile, o active, a{sv}): the profile is volatile (never
    /// written to disk, removed when it goes down) and bound to this D-Bus client, so that NetworkManager takes the
    /// device's AP down itself if esp-prov dies before restoring.
    /// </summary>
    public static Task<(string Profile, string Active)> AddAndActivate2Async(DBusConnection connection, SettingsMap settings, string devicePath, string accessPointPath)
    {
        var options = new PropertyMap(StringComparer.Ordinal)
        {
            ["persist"] = VariantValue.String("volatile"),
            ["bind-activation"] = VariantValue.String("dbus-client"),
        };
        return CallAsync(
            connection,
            NmNames.ManagerPath,
            NmNames.Manager,
            "AddAndActivateConnection2",
            "a{sa{sv}}ooa{sv}",
            (ref MessageWriter w) =>
            {
                WriteSettings(ref w, settings);
                w.WriteObjectPath(devicePath);
                w.WriteObjectPath(accessPointPath);
                w.WriteDictionary(options);
            },
            static (m, _) =>
            {
                var reader = m.GetBodyReader();
                return (reader.ReadObjectPathAsString(), reader.ReadObjectPathAsString());
            });
    }

    /// <summary>
    /// Settings.AddConnectionUnsaved(a{sa{sv}}) → o, for NetworkManager before 1.16 (it has had this since 1.0): the
    /// profile lives in NetworkManager's memory only, where its AddAndActivateConnection would save it, password
    /// included, to disk. It is neither volatile nor bound to this client: restoring deletes it.
    /// </summary>
    public static Task<string> AddUnsavedAsync(DBusConnection connection, SettingsMap settings) =>
        CallAsync(
            connection,
            NmNames.SettingsPath,
            NmNames.Settings,
            "AddConnectionUnsaved",
            "a{sa{sv}}",
            (ref MessageWriter w) => WriteSettings(ref w, settings),
            static (m, _) => m.GetBodyReader().ReadObjectPathAsString());

    /// <summary>ActivateConnection(o profile, o device, o specific) → o active; no specific object: NetworkManager picks the AP.</summary>
    public static Task<string> ActivateAsync(DBusConnection connection, string profilePath, string devicePath, string specificObject = NmNames.NoObject) =>
        CallAsync(
            connection,
            NmNames.ManagerPath,
            NmNames.Manager,
            "ActivateConnection",
            "ooo",
            (ref MessageWriter w) =>
            {
                w.WriteObjectPath(profilePath);
                w.WriteObjectPath(devicePath);
                w.WriteObjectPath(specificObject);
            },
            static (m, _) => m.GetBodyReader().ReadObjectPathAsString());

    /// <summary>DeactivateConnection(o active).</summary>
    public static Task DeactivateAsync(DBusConnection connection, string activePath) =>
        CallAsync(connection, NmNames.ManagerPath, NmNames.Manager, "DeactivateConnection", "o", (ref MessageWriter w) => w.WriteObjectPath(activePath));

    /// <summary>Settings.Connection.Delete().</summary>
    public static Task DeleteProfileAsync(DBusConnection connection, string profilePath) =>
        CallAsync(connection, profilePath, NmNames.SettingsConnection, "Delete");

    /// <summary>Writes a{sa{sv}}.</summary>
    public static void WriteSettings(ref MessageWriter writer, SettingsMap settings)
    {
        var start = writer.WriteDictionaryStart();
        foreach (var (name, properties) in settings)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteDictionary(properties);
        }

        writer.WriteDictionaryEnd(start);
    }
}
