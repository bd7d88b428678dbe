namespace EspProv.Wifi.Tests.Support;

internal sealed partial class FakeNetworkManager
{
    private const string ManagerPath = "/org/freedesktop/NetworkManager";
    private const string Manager = "org.freedesktop.NetworkManager";
    private const string Device = Manager + ".Device";
    private const string Wireless = Device + ".Wireless";
    private const string SettingsPath = ManagerPath + "/Settings";
    private const string Settings = Manager + ".Settings";
    private const string SettingsConnection = Manager + ".Settings.Connection";
    private const string ActiveConnection = Manager + ".Connection.Active";
    private const string Properties = "org.freedesktop.DBus.Properties";
    private const string NotActive = Manager + ".ConnectionNotActive";
    private const string UnknownObject = "org.freedesktop.DBus.Error.UnknownObject";

    // NMActiveConnectionStateReason / NMDeviceStateReason values the fake emits.
    private const uint ReasonNone = 1, ReasonUserDisconnected = 2, ReasonDeviceDisconnected = 3, ReasonNoSecretsActive = 9;
    private const uint DeviceReasonNoSecrets = 7, DeviceReasonSsidNotFound = 53;

    private uint _deviceState = DeviceActivated;

    private void Handle(MethodContext context)
    {
        var request = context.Request;
        var path = request.PathAsString ?? "/";
        var @interface = request.InterfaceAsString;
        var member = request.MemberAsString ?? string.Empty;
        if (@interface == Properties)
        {
            ReplyProperties(context, path, member);
            return;
        }

        _calls.Add(member);
        switch ((path, @interface, member))
        {
            case (ManagerPath, Manager, "GetDevices"):
                ReplyPaths(context, WithoutWifi ? [WiredDevicePath] : [WiredDevicePath, WifiDevicePath]);
                return;
            case (ManagerPath, Manager, "AddAndActivateConnection2") when !WithoutAddAndActivate2:
                AddAndActivate(context, withOptions: true);
                return;
            case (ManagerPath, Manager, "AddAndActivateConnection"):
                AddAndActivate(context, withOptions: false);
                return;
            case (SettingsPath, Settings, "AddConnectionUnsaved"):
                AddUnsaved(context);
                return;
            case (ManagerPath, Manager, "ActivateConnection"):
                ActivateProfile(context);
                return;
            case (ManagerPath, Manager, "DeactivateConnection"):
                Deactivate(context.Request.GetBodyReader().ReadObjectPathAsString());
                ReplyEmpty(context);
                return;
            case (WifiDevicePath, Wireless, "GetAllAccessPoints"):
                ReplyPaths(context, [.. _accessPoints.Where(a => a.Visible).Select(a => a.Path)]);
                return;
            case (WifiDevicePath, Wireless, "RequestScan"):
                _accessPoints.Where(a => a.AppearsOnScan).ToList().ForEach(a => a.Visible = true);
                _lastScan += 1000;
                ReplyEmpty(context);
                return;
            case (_, SettingsConnection, "Delete"):
                Delete(Profile(path));
                ReplyEmpty(context);
                return;
            default:
                throw new FakeError("org.freedesktop.DBus.Error.UnknownMethod", $"{@interface}.{member} is not implemented by the fake.");
        }
    }

    private void AddAndActivate(MethodContext context, bool withOptions)
    {
        var reader = context.Request.GetBodyReader();
        var settings = ReadSettings(ref reader);
        reader.ReadObjectPathAsString();
        var specific = reader.ReadObjectPathAsString();
        var options = withOptions ? reader.ReadDictionaryOfStringToVariantValue() : null;
        if (DenyPermission)
        {
            throw new FakeError(Manager + ".PermissionDenied", "Not authorized to control networking.");
        }

        var ap = _accessPoints.FirstOrDefault(a => a.Path == specific && a.Visible)
            ?? throw new FakeError(Manager + ".UnknownConnection", $"Access point {specific} is not visible.");
        LastAddOptions = options;
        LastAddSettings = settings;
        var isVolatile = options is not null && options.TryGetValue("persist", out var persist) && persist.GetString() == "volatile";
        var profile = Add(settings, ap.Ssid, isVolatile, unsaved: false);
        var active = TakeOver(profile, ap);
        using (var writer = context.CreateReplyWriter(withOptions ? "ooa{sv}" : "oo"))
        {
            writer.WriteObjectPath(profile.Path);
            writer.WriteObjectPath(active.Path);
            if (withOptions)
            {
                writer.WriteDictionary(new PropertyMap());
            }

            context.Reply(writer.CreateMessage());
        }

        Progress(active, passwordAccepted: ap.Password is null || profile.Psk == ap.Password);
    }

    /// <summary>Settings.AddConnectionUnsaved: a profile in memory only, not activated (autoconnect is off); like NetworkManager, a complete one.</summary>
    private void AddUnsaved(MethodContext context)
    {
        var reader = context.Request.GetBodyReader();
        var settings = ReadSettings(ref reader);
        if (DenyPermission)
        {
            throw new FakeError(Manager + ".PermissionDenied", "Not authorized to control networking.");
        }

        if (!settings.TryGetValue("connection", out var connection) || !connection.ContainsKey("uuid"))
        {
            throw new FakeError(Settings + ".InvalidConnection", "connection.uuid: property is missing");
        }

        LastAddSettings = settings;
        var ssid = System.Text.Encoding.UTF8.GetString(settings["802-11-wireless"]["ssid"].GetArray<byte>());
        var profile = Add(settings, ssid, isVolatile: false, unsaved: true);
        using var writer = context.CreateReplyWriter("o");
        writer.WriteObjectPath(profile.Path);
        context.Reply(writer.CreateMessage());
    }

    private FakeProfile Add(SettingsMap settings, string ssid, bool isVolatile, bool unsaved)
    {
        var id = settings.TryGetValue("connection", out var connection) && connection.TryGetValue("id", out var idValue) ? idValue.GetString() : ssid;
        var psk = settings.TryGetValue("802-11-wireless-security", out var security) && security.TryGetValue("psk", out var key) ? key.GetString() : null;
        var profile = new FakeProfile(NextPath("Settings"), id, ssid, isVolatile, unsaved, psk);
        _profiles.Add(profile);
        if (profile.OnDisk)
        {
            _savedToDisk.Add(profile.Id);
        }

        return profile;
    }

    private void ActivateProfile(MethodContext context)
    {
        var reader = context.Request.GetBodyReader();
        var profile = Profile(reader.ReadObjectPathAsString());
        reader.ReadObjectPathAsString();
        var specific = reader.ReadObjectPathAsString();
        var ap = specific == "/"
            ? _accessPoints.FirstOrDefault(a => a.Ssid == profile.Ssid)
            : _accessPoints.FirstOrDefault(a => a.Path == specific && a.Visible && a.Ssid == profile.Ssid)
                ?? throw new FakeError(Manager + ".UnknownConnection", $"Access point {specific} is not visible.");
        var active = TakeOver(profile, ap);
        using (var writer = context.CreateReplyWriter("o"))
        {
            writer.WriteObjectPath(active.Path);
            context.Reply(writer.CreateMessage());
        }

        Progress(active, passwordAccepted: ap?.Password is null || profile.Psk == ap.Password);
    }

    /// <summary>What NetworkManager does when a new activation takes the device: the old connection goes down.</summary>
    private FakeActive TakeOver(FakeProfile profile, FakeAccessPoint? ap)
    {
        if (_active is { } old)
        {
            Down(old, ReasonUserDisconnected);
        }

        _active = new FakeActive(NextPath("ActiveConnection"), profile, ap);
        EmitActiveStateChanged(_active.Path, 1, ReasonNone);
        return _active;
    }

    private void Progress(FakeActive active, bool passwordAccepted)
    {
        if (ActivationStalls && active.Profile.Ssid != HomeSsid)
        {
            return;
        }

        if (HomeOutOfReach && active.Profile.Ssid == HomeSsid)
        {
            EmitDeviceStateChanged(DeviceFailed, 50, DeviceReasonSsidNotFound);
            Down(active, ReasonDeviceDisconnected);
            return;
        }

        if (!passwordAccepted)
        {
            // As NetworkManager's handle_auth_or_fail: NEED_AUTH (reason none) and a secrets request; with no agent
            // to answer it the device fails with NO_SECRETS, with one the request waits for its dialog.
            EmitDeviceStateChanged(DeviceNeedAuth, 50, 0);
            if (!SecretAgentPrompts)
            {
                EmitDeviceStateChanged(DeviceFailed, DeviceNeedAuth, DeviceReasonNoSecrets);
                Down(active, ReasonNoSecretsActive);
            }

            return;
        }

        active.State = 2;
        _deviceState = DeviceActivated;
        EmitDeviceStateChanged(DeviceActivated, 70, 0);
        EmitActiveStateChanged(active.Path, 2, ReasonNone);
        if (active.Profile.Ssid != HomeSsid)
        {
            Joined.TrySetResult(active.Profile.Ssid);
        }
        else
        {
            HomeBack.TrySetResult();
        }
    }

    private void Deactivate(string activePath)
    {
        if (ApVanishesBeforeRestore && _active is { } current && current.Path == activePath && current.Profile.Ssid != HomeSsid)
        {
            // The device's AP is gone by the time esp-prov restores: the connection dropped by itself.
            current.AccessPoint!.Visible = false;
            EmitDeviceStateChanged(DeviceDisconnected, DeviceActivated, DeviceReasonSsidNotFound);
            Down(current, ReasonDeviceDisconnected);
            if (AutoconnectHomeOnVanish)
            {
                var home = _profiles.First(p => p.Ssid == HomeSsid);
                Progress(TakeOver(home, _accessPoints.First(a => a.Ssid == HomeSsid)), passwordAccepted: true);
            }

            throw new FakeError(NotActive, "The connection was not active.");
        }

        if (_active is not { } active || active.Path != activePath)
        {
            throw new FakeError(NotActive, "The connection was not active.");
        }

        Down(active, ReasonUserDisconnected);
    }

    private void Down(FakeActive active, uint reason)
    {
        active.State = 4;
        EmitActiveStateChanged(active.Path, 4, reason);
        if (active.Profile.Volatile)
        {
            _profiles.Remove(active.Profile);
        }

        if (_active == active)
        {
            _active = null;
            _deviceState = DeviceDisconnected;
        }
    }

    private void Delete(FakeProfile profile)
    {
        if (_active?.Profile == profile)
        {
            Down(_active, ReasonUserDisconnected);
        }

        _profiles.Remove(profile);
    }

    private FakeProfile Profile(string path) =>
        _profiles.FirstOrDefault(p => p.Path == path) ?? throw new FakeError(UnknownObject, $"No profile at {path}.");
}
