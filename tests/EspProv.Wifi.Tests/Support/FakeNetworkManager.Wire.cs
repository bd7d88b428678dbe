namespace EspProv.Wifi.Tests.Support;

internal sealed partial class FakeNetworkManager
{
    private void ReplyProperties(MethodContext context, string path, string member)
    {
        var reader = context.Request.GetBodyReader();
        var @interface = reader.ReadString();
        var properties = PropertiesOf(path, @interface) ?? throw new FakeError(UnknownObject, $"No {@interface} at {path}.");
        if (member == "GetAll")
        {
            using var writer = context.CreateReplyWriter("a{sv}");
            writer.WriteDictionary(properties);
            context.Reply(writer.CreateMessage());
            return;
        }

        var name = reader.ReadString();
        if (member != "Get" || !properties.TryGetValue(name, out var value))
        {
            throw new FakeError("org.freedesktop.DBus.Error.InvalidArgs", $"No property {name}.");
        }

        using (var writer = context.CreateReplyWriter("v"))
        {
            writer.WriteVariant(value);
            context.Reply(writer.CreateMessage());
        }
    }

    private PropertyMap? PropertiesOf(string path, string @interface)
    {
        var none = VariantValue.ObjectPath("/");
        switch ((path, @interface))
        {
            case (ManagerPath, Manager):
                return new()
                {
                    ["Version"] = VariantValue.String("1.46.0"),
                    ["ActiveConnections"] = VariantValue.Array(_active is null ? [] : new ObjectPath[] { new(_active.Path) }),
                };
            case (WiredDevicePath, Device):
                return new()
                {
                    ["Interface"] = VariantValue.String("eth0"),
                    ["DeviceType"] = VariantValue.UInt32(1),
                    ["State"] = VariantValue.UInt32(DeviceActivated),
                    ["ActiveConnection"] = none,
                };
            case (WifiDevicePath, Device):
                return new()
                {
                    ["Interface"] = VariantValue.String("wlan0"),
                    ["DeviceType"] = VariantValue.UInt32(2),
                    ["State"] = VariantValue.UInt32(_deviceState),
                    ["ActiveConnection"] = _active is null ? none : VariantValue.ObjectPath(_active.Path),
                    ["Ip4Config"] = _active is { State: 2 } up ? VariantValue.ObjectPath(up.Ip4ConfigPath) : none,
                };
            case (WifiDevicePath, Wireless):
                return new()
                {
                    ["LastScan"] = VariantValue.Int64(_lastScan),
                    ["ActiveAccessPoint"] = _active?.AccessPoint is { } ap ? VariantValue.ObjectPath(ap.Path) : none,
                    ["AccessPoints"] = VariantValue.Array(_accessPoints.Where(a => a.Visible).Select(a => new ObjectPath(a.Path)).ToArray()),
                };
        }

        if (@interface == Manager + ".AccessPoint" && _accessPoints.FirstOrDefault(a => a.Path == path) is { } accessPoint)
        {
            return accessPoint.Properties();
        }

        if (@interface == ActiveConnection && _active is { } active && active.Path == path)
        {
            return active.Properties(WifiDevicePath);
        }

        if (@interface == Manager + ".IP4Config" && _active is { State: 2 } joined && joined.Ip4ConfigPath == path)
        {
            return new() { ["Gateway"] = VariantValue.String(joined.AccessPoint?.Gateway ?? string.Empty) };
        }

        if (@interface == SettingsConnection && _profiles.FirstOrDefault(p => p.Path == path) is { } profile)
        {
            // NM_SETTINGS_CONNECTION_FLAG_UNSAVED (0x1), | VOLATILE (0x4).
            return new() { ["Unsaved"] = VariantValue.Bool(!profile.OnDisk), ["Flags"] = VariantValue.UInt32(profile.Volatile ? 0x5u : profile.Unsaved ? 0x1u : 0u) };
        }

        return null;
    }

    private static SettingsMap ReadSettings(ref Reader reader)
    {
        var settings = new SettingsMap(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var name = reader.ReadString();
            settings[name] = reader.ReadDictionaryOfStringToVariantValue();
        }

        return settings;
    }

    private static void ReplyPaths(MethodContext context, string[] paths)
    {
        using var writer = context.CreateReplyWriter("ao");
        writer.WriteArray(paths.Select(p => new ObjectPath(p)).ToArray());
        context.Reply(writer.CreateMessage());
    }

    private static void ReplyEmpty(MethodContext context)
    {
        using var writer = context.CreateReplyWriter(null!);
        context.Reply(writer.CreateMessage());
    }

    private void EmitActiveStateChanged(string path, uint state, uint reason)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteSignalHeader(null, path, ActiveConnection, "StateChanged", "uu");
        writer.WriteUInt32(state);
        writer.WriteUInt32(reason);
        _connection.TrySendMessage(writer.CreateMessage());
    }

    private void EmitDeviceStateChanged(uint state, uint old, uint reason)
    {
        _deviceState = state;
        using var writer = _connection.GetMessageWriter();
        writer.WriteSignalHeader(null, WifiDevicePath, Device, "StateChanged", "uuu");
        writer.WriteUInt32(state);
        writer.WriteUInt32(old);
        writer.WriteUInt32(reason);
        _connection.TrySendMessage(writer.CreateMessage());
    }
}
