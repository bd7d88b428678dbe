namespace EspProv.Wifi.Tests.Support;

/// <summary>
/// A fake <c>org.freedesktop.NetworkManager</c> on a private bus, behaving like NetworkManager where esp-prov can
/// tell: one Wi-Fi device (wlan0, connected to HomeWifi) beside a wired one; RequestScan brings late APs into the
/// list and moves LastScan; AddAndActivateConnection2 adds a profile and activates it, emitting the device's and the
/// active connection's StateChanged with NetworkManager's reasons (a wrong password ends in NO_SECRETS); a volatile
/// profile is deleted when its connection goes down. Settings.AddConnectionUnsaved adds an in-memory profile that
/// ActivateConnection activates; which profiles were ever written to disk is kept for the tests.
/// </summary>
internal sealed partial class FakeNetworkManager : IPathMethodHandler, IAsyncDisposable
{
    public const string WifiDevicePath = "/org/freedesktop/NetworkManager/Devices/3";
    public const string WiredDevicePath = "/org/freedesktop/NetworkManager/Devices/2";
    public const string HomeSsid = "HomeWifi";

    private const uint DeviceDisconnected = 30, DeviceActivated = 100, DeviceNeedAuth = 60, DeviceFailed = 120;

    private readonly DBusConnection _connection;
    private readonly object _lock = new();
    private readonly List<FakeAccessPoint> _accessPoints = [];
    private readonly List<FakeProfile> _profiles = [];
    private readonly List<string> _calls = [];
    private readonly List<string> _savedToDisk = [];
    private FakeActive? _active;
    private int _next = 10;
    private long _lastScan = 1000;

    private FakeNetworkManager(DBusConnection connection)
    {
        _connection = connection;
        var home = AddAccessPoint(HomeSsid, password: "home-password", gateway: "192.168.1.1");
        var profile = new FakeProfile(NextPath("Settings"), HomeSsid, HomeSsid, Volatile: false, Psk: "home-password");
        _profiles.Add(profile);
        _savedToDisk.Add(profile.Id);
        _active = new FakeActive(NextPath("ActiveConnection"), profile, home) { State = 2 };
    }

    public string Path => "/org/freedesktop";

    public bool HandlesChildPaths => true;

    /// <summary>Without a Wi-Fi device (a desktop on a wire).</summary>
    public bool WithoutWifi { get; set; }

    /// <summary>Activations stay "activating" (no DHCP answer).</summary>
    public bool ActivationStalls { get; set; }

    /// <summary>polkit says no to adding connections.</summary>
    public bool DenyPermission { get; set; }

    /// <summary>HomeWifi cannot be reactivated (its AP went out of reach meanwhile).</summary>
    public bool HomeOutOfReach { get; set; }

    /// <summary>A desktop secret agent answers a refused password with a dialog, so the activation waits for a person.</summary>
    public bool SecretAgentPrompts { get; set; }

    /// <summary>A NetworkManager before 1.16, without AddAndActivateConnection2 (its AddAndActivateConnection saves to disk).</summary>
    public bool WithoutAddAndActivate2 { get; set; }

    /// <summary>The device takes its AP down just before esp-prov restores (after provisioning succeeded).</summary>
    public bool ApVanishesBeforeRestore { get; set; }

    /// <summary>Then NetworkManager's autoconnect brings HomeWifi back before esp-prov asks for it.</summary>
    public bool AutoconnectHomeOnVanish { get; set; }

    /// <summary>
    /// Answers a call with a D-Bus error instead: given the interface (for Properties calls, the one asked about) and
    /// the member, the error name to reply with, or null to answer normally.
    /// </summary>
    public Func<string, string, string?>? FailCall { get; set; }

    /// <summary>Given the member, whether the fake leaves the bus instead of answering (NetworkManager stopping mid-call).</summary>
    public Func<string, bool>? LeaveBusOn { get; set; }

    /// <summary>AddAndActivateConnection(2) is handled, and answered, only once this completes (NetworkManager busy).</summary>
    public Task? ActivationAnswer { get; set; }

    /// <summary>Completes when an AddAndActivateConnection(2) request arrives, before it is handled or held back.</summary>
    public TaskCompletionSource ActivationAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when HomeWifi is first activated again: a restore has happened.</summary>
    public TaskCompletionSource HomeBack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The options of the last AddAndActivateConnection2 (persist, bind-activation).</summary>
    public PropertyMap? LastAddOptions { get; private set; }

    /// <summary>The settings of the last profile added (secrets included, for assertions on what was sent).</summary>
    public SettingsMap? LastAddSettings { get; private set; }

    /// <summary>Completes when a device AP's connection is up: the moment "mid-provisioning" starts.</summary>
    public TaskCompletionSource<string> Joined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Method calls on the manager, device and profiles, in order (Properties calls left out).</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The ids of the profiles that exist.</summary>
    public IReadOnlyList<string> ProfileIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _profiles.Select(p => p.Id)];
            }
        }
    }

    /// <summary>The ids of the profiles that exist in memory only (AddConnectionUnsaved).</summary>
    public IReadOnlyList<string> UnsavedProfileIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _profiles.Where(p => p.Unsaved).Select(p => p.Id)];
            }
        }
    }

    /// <summary>The ids of every profile ever written to disk, deleted ones included (a deleted file's secret may remain on the medium).</summary>
    public IReadOnlyList<string> SavedToDiskIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _savedToDisk];
            }
        }
    }

    /// <summary>The id of the profile active on wlan0 and fully up, or null.</summary>
    public string? ActiveProfileId
    {
        get
        {
            lock (_lock)
            {
                return _active is { State: 2 } active ? active.Profile.Id : null;
            }
        }
    }

    public static async Task<FakeNetworkManager> StartAsync(string address)
    {
        var connection = new DBusConnection(address);
        await connection.ConnectAsync();
        var fake = new FakeNetworkManager(connection);
        connection.AddMethodHandler(fake);
        await connection.RequestNameAsync("org.freedesktop.NetworkManager", RequestNameOptions.Default);
        return fake;
    }

    public FakeAccessPoint AddAccessPoint(string ssid, string? password = null, string gateway = "127.0.0.1", byte strength = 70, bool appearsOnScan = false, string bssid = "24:0A:C4:00:00:01")
    {
        lock (_lock)
        {
            var ap = new FakeAccessPoint(NextPath("AccessPoint"), ssid) { Password = password, Gateway = gateway, Strength = strength, AppearsOnScan = appearsOnScan, Visible = !appearsOnScan, Bssid = bssid };
            _accessPoints.Add(ap);
            return ap;
        }
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleMethodAsync(MethodContext context)
    {
        if (context.IsDBusIntrospectRequest)
        {
            context.ReplyIntrospectXml([], Array.Empty<string>());
            return ValueTask.CompletedTask;
        }

        var request = context.Request;
        var member = request.MemberAsString ?? string.Empty;
        var @interface = request.InterfaceAsString == Properties ? request.GetBodyReader().ReadString() : request.InterfaceAsString ?? string.Empty;
        if (LeaveBusOn?.Invoke(member) == true)
        {
            _connection.Dispose();
            return ValueTask.CompletedTask;
        }

        if (FailCall?.Invoke(@interface, member) is { } errorName)
        {
            context.ReplyError(errorName, $"{@interface}.{member} failed as the test asked.");
            return ValueTask.CompletedTask;
        }

        if (member.StartsWith("AddAndActivateConnection", StringComparison.Ordinal))
        {
            ActivationAsked.TrySetResult();
        }

        if (ActivationAnswer is { } answer && member.StartsWith("AddAndActivateConnection", StringComparison.Ordinal))
        {
            context.DisposesAsynchronously = true;
            _ = AnswerLaterAsync(context, answer);
            return ValueTask.CompletedTask;
        }

        HandleLocked(context);
        return ValueTask.CompletedTask;
    }

    private async Task AnswerLaterAsync(MethodContext context, Task answer)
    {
        using (context)
        {
            await answer;
            HandleLocked(context);
        }
    }

    private void HandleLocked(MethodContext context)
    {
        try
        {
            lock (_lock)
            {
                Handle(context);
            }
        }
        catch (FakeError error)
        {
            context.ReplyError(error.Name, error.Message);
        }
    }

    private string NextPath(string kind) => $"/org/freedesktop/NetworkManager/{kind}/{_next++}";

    private sealed class FakeError(string name, string message) : Exception(message)
    {
        public string Name { get; } = name;
    }
}
