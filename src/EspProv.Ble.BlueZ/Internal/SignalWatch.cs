namespace EspProv.Ble.BlueZ.Internal;

/// <summary>Subscriptions to the BlueZ signals esp-prov follows. Handlers run on the connection's reader; keep them short.</summary>
internal static class SignalWatch
{
    /// <summary>ObjectManager.InterfacesAdded from <paramref name="sender"/>.</summary>
    public static async Task<IDisposable> InterfacesAddedAsync(DBusConnection connection, string sender, Action<string, InterfaceMap> handler)
    {
        var rule = new MatchRule
        {
            Type = MessageType.Signal,
            Sender = sender,
            Interface = BlueZNames.ObjectManager,
            Member = "InterfacesAdded",
        };
        return await connection.AddMatchAsync(
            rule,
            static (m, _) =>
            {
                var reader = m.GetBodyReader();
                var path = reader.ReadObjectPathAsString();
                return (path, DBusWire.ReadInterfaces(ref reader));
            },
            notification =>
            {
                if (notification.HasValue)
                {
                    handler(notification.Value.path, notification.Value.Item2);
                }
            },
            false,
            ObserverFlags.None,
            null).ConfigureAwait(false);
    }

    /// <summary>Properties.PropertiesChanged from <paramref name="sender"/> for objects at or below <paramref name="pathNamespace"/>.</summary>
    public static async Task<IDisposable> PropertiesChangedAsync(DBusConnection connection, string sender, string pathNamespace, Action<string, string, PropertyMap> handler)
    {
        var rule = new MatchRule
        {
            Type = MessageType.Signal,
            Sender = sender,
            Interface = BlueZNames.Properties,
            Member = "PropertiesChanged",
            PathNamespace = pathNamespace,
        };
        return await connection.AddMatchAsync(
            rule,
            static (m, _) =>
            {
                var reader = m.GetBodyReader();
                var @interface = reader.ReadString();
                return (m.PathAsString ?? string.Empty, @interface, reader.ReadDictionaryOfStringToVariantValue());
            },
            notification =>
            {
                if (notification.HasValue)
                {
                    handler(notification.Value.Item1, notification.Value.@interface, notification.Value.Item3);
                }
            },
            false,
            ObserverFlags.None,
            null).ConfigureAwait(false);
    }
}
