using System.Net;

namespace EspProv.Wifi.Tests;

/// <summary>The library against the fake NetworkManager: join, the device address, restore, and each typed failure.</summary>
public sealed class JoinTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_uses_a_volatile_client_bound_profile_and_reports_the_gateway_then_restores_on_dispose()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_5E1F00", password: "device-key", gateway: "127.0.0.2");
        var steps = new List<SoftApEvent>();

        var lease = await SoftApJoiner.JoinAsync(bench.Join("PROV_5E1F00", "device-key"), steps.Add, Ct);

        Assert.True(lease.Joined);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), lease.DeviceAddress);
        Assert.Equal("wlan0", lease.Interface);
        Assert.Equal("esp-prov PROV_5E1F00", bench.NetworkManager.ActiveProfileId);
        var options = bench.NetworkManager.LastAddOptions!;
        Assert.Equal("volatile", options["persist"].GetString());
        Assert.Equal("dbus-client", options["bind-activation"].GetString());
        var settings = bench.NetworkManager.LastAddSettings!;
        Assert.Equal("wpa-psk", settings["802-11-wireless-security"]["key-mgmt"].GetString());
        Assert.Equal("device-key", settings["802-11-wireless-security"]["psk"].GetString());
        Assert.True(settings["ipv4"]["never-default"].GetBool());
        Assert.Equal("PROV_5E1F00"u8.ToArray(), settings["802-11-wireless"]["ssid"].GetArray<byte>());

        await lease.DisposeAsync();

        bench.AssertRestored();
        Assert.Null(lease.RestoreProblem);
        Assert.Equal(["DeactivateConnection", "Delete", "ActivateConnection"], bench.NetworkManager.Calls.SkipWhile(c => c != "DeactivateConnection"));
        Assert.Collection(
            steps,
            s => Assert.Equal(new WifiDeviceSelected("wlan0", "HomeWifi"), s),
            s => Assert.Equal(new AccessPointJoining("PROV_5E1F00", 70), s),
            s => Assert.Equal(new AccessPointJoined("PROV_5E1F00", "wlan0", IPAddress.Parse("127.0.0.2")), s),
            s => Assert.Equal(new AccessPointLeft("PROV_5E1F00"), s),
            s => Assert.Equal(new ConnectionRestored("HomeWifi"), s));
    }

    [Fact]
    public async Task An_open_AP_gets_no_security_setting()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_OPEN");

        await using (await SoftApJoiner.JoinAsync(bench.Join("PROV_OPEN"), null, Ct))
        {
            Assert.False(bench.NetworkManager.LastAddSettings!.ContainsKey("802-11-wireless-security"));
        }

        bench.AssertRestored();
    }

    [Fact]
    public async Task An_AP_not_yet_listed_is_found_after_a_scan()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_LATE", appearsOnScan: true);
        var steps = new List<SoftApEvent>();

        await using (var lease = await SoftApJoiner.JoinAsync(bench.Join("PROV_LATE"), steps.Add, Ct))
        {
            Assert.Equal(IPAddress.Loopback, lease.DeviceAddress);
        }

        Assert.Contains(new AccessPointScanRequested("PROV_LATE"), steps);
        Assert.Equal(1, bench.NetworkManager.Calls.Count(c => c == "RequestScan"));
        bench.AssertRestored();
    }

    [Fact]
    public async Task The_strongest_of_two_APs_with_the_name_is_joined()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_TWIN", strength: 20, gateway: "127.0.0.3", bssid: "24:0A:C4:00:00:03");
        bench.NetworkManager.AddAccessPoint("PROV_TWIN", strength: 90, gateway: "127.0.0.4", bssid: "24:0A:C4:00:00:04");

        await using var lease = await SoftApJoiner.JoinAsync(bench.Join("PROV_TWIN"), null, Ct);

        Assert.Equal(IPAddress.Parse("127.0.0.4"), lease.DeviceAddress);
    }

    [Fact]
    public async Task Wrong_AP_password_is_an_authentication_error_with_NetworkManagers_reason_and_home_is_restored()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_KEYED", password: "device-key");

        var error = await Assert.ThrowsAsync<AccessPointAuthenticationException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_KEYED", "wrong-key"), null, Ct));

        Assert.Equal(7u, error.Reason); // NM_DEVICE_STATE_REASON_NO_SECRETS
        Assert.Equal("PROV_KEYED refused the password (NetworkManager: no-secrets).", error.Message);
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_refused_password_fails_at_once_instead_of_waiting_for_a_desktop_password_dialog()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_KEYED", password: "device-key");
        bench.NetworkManager.SecretAgentPrompts = true;
        // Far beyond what the test waits: only failing at NEED_AUTH ends the join before the token does.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<AccessPointAuthenticationException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_KEYED", "wrong-key") with { JoinTimeout = TimeSpan.FromMinutes(5) }, null, bounded.Token));

        Assert.Equal("PROV_KEYED refused the password (NetworkManager: no-secrets).", error.Message);
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_protected_AP_without_a_password_is_refused_before_NetworkManager_is_asked()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_KEYED", password: "device-key");

        var error = await Assert.ThrowsAsync<AccessPointAuthenticationException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_KEYED"), null, Ct));

        Assert.Equal("PROV_KEYED is protected (WPA2-PSK) and no password was given.", error.Message);
        Assert.DoesNotContain("AddAndActivateConnection2", bench.NetworkManager.Calls);
        bench.AssertRestored();
    }

    [Fact]
    public async Task An_absent_AP_is_reported_after_one_scan_and_nothing_changes()
    {
        await using var bench = await NmBench.StartAsync();

        var error = await Assert.ThrowsAsync<AccessPointNotFoundException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_NOWHERE"), null, Ct));

        Assert.Contains("PROV_NOWHERE not found by wlan0 after scanning", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GetDevices", "GetAllAccessPoints", "RequestScan", "GetAllAccessPoints"], bench.NetworkManager.Calls);
        bench.AssertRestored();
    }

    [Fact]
    public async Task Without_NetworkManager_on_the_bus_it_is_unavailable()
    {
        await using var bench = await NmBench.StartAsync(withNetworkManager: false);

        var error = await Assert.ThrowsAsync<NetworkManagerUnavailableException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.Equal(NetworkManagerUnavailableReason.NotRunning, error.Reason);
        Assert.Equal("NetworkManager is not running on the system bus.", error.Message);
    }

    [Fact]
    public async Task Without_a_bus_it_is_unavailable()
    {
        var error = await Assert.ThrowsAsync<NetworkManagerUnavailableException>(() => SoftApJoiner.JoinAsync(
            new SoftApJoinRequest { Ssid = "PROV_X", BusAddress = $"unix:path={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))}" }, null, Ct));

        Assert.Equal(NetworkManagerUnavailableReason.NoBus, error.Reason);
    }

    [Fact]
    public async Task Without_a_Wifi_device_or_with_a_wrong_interface_name()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_X");

        var wrongName = await Assert.ThrowsAsync<WifiDeviceNotFoundException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X") with { Interface = "wlan9" }, null, Ct));
        bench.NetworkManager.WithoutWifi = true;
        var none = await Assert.ThrowsAsync<WifiDeviceNotFoundException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.Equal("NetworkManager has no Wi-Fi device wlan9 (Wi-Fi devices: wlan0).", wrongName.Message);
        Assert.Equal("NetworkManager manages no Wi-Fi device.", none.Message);
        bench.AssertRestored();
    }

    [Fact]
    public async Task No_address_within_the_join_timeout_is_a_timeout_and_home_is_restored()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_SLOW");
        bench.NetworkManager.ActivationStalls = true;

        var error = await Assert.ThrowsAsync<AccessPointJoinTimeoutException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_SLOW") with { JoinTimeout = TimeSpan.FromSeconds(1) }, null, Ct));

        Assert.Equal("PROV_SLOW was not connected with an IPv4 address within 1 s.", error.Message);
        bench.AssertRestored();
    }

    [Fact]
    public async Task Polkit_refusal_is_a_permission_error()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_X");
        bench.NetworkManager.DenyPermission = true;

        var error = await Assert.ThrowsAsync<NetworkManagerUnavailableException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.Equal(NetworkManagerUnavailableReason.PermissionDenied, error.Reason);
        Assert.Contains("Not authorized to control networking", error.Message, StringComparison.Ordinal);
        bench.AssertRestored();
    }

    [Fact]
    public async Task Before_NetworkManager_1_16_the_profile_is_added_unsaved_then_activated_and_deleted_on_restore()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_OLD", password: "device-key", gateway: "127.0.0.6");
        bench.NetworkManager.WithoutAddAndActivate2 = true;

        await using (var lease = await SoftApJoiner.JoinAsync(bench.Join("PROV_OLD", "device-key"), null, Ct))
        {
            Assert.Equal(IPAddress.Parse("127.0.0.6"), lease.DeviceAddress);
            Assert.Equal(["AddAndActivateConnection2", "AddConnectionUnsaved", "ActivateConnection"], bench.NetworkManager.Calls.SkipWhile(c => c != "AddAndActivateConnection2"));
            Assert.Equal(["esp-prov PROV_OLD"], bench.NetworkManager.UnsavedProfileIds);
            Assert.Equal("esp-prov PROV_OLD", bench.NetworkManager.ActiveProfileId);
        }

        bench.AssertRestored();
        Assert.Equal([FakeNetworkManager.HomeSsid], bench.NetworkManager.SavedToDiskIds); // the AP's password never reached disk
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("activation refused")]
    public async Task Before_NetworkManager_1_16_a_failed_join_leaves_no_profile_and_writes_none_to_disk(string failure)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_OLD", password: "device-key");
        bench.NetworkManager.WithoutAddAndActivate2 = true;
        if (failure == "activation refused")
        {
            // The profile is added, then polkit refuses to activate it.
            bench.NetworkManager.FailCall = (_, member) => member == "ActivateConnection" ? "org.freedesktop.NetworkManager.PermissionDenied" : null;
        }

        var error = await Assert.ThrowsAnyAsync<SoftApJoinException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_OLD", failure == "wrong password" ? "wrong-key" : "device-key"), null, Ct));

        Assert.IsType(failure == "wrong password" ? typeof(AccessPointAuthenticationException) : typeof(NetworkManagerUnavailableException), error);
        Assert.Contains("AddConnectionUnsaved", bench.NetworkManager.Calls);
        Assert.Equal("Delete", bench.NetworkManager.Calls.Last(c => c is "Delete" or "AddConnectionUnsaved"));
        bench.AssertRestored();
        Assert.Equal([FakeNetworkManager.HomeSsid], bench.NetworkManager.SavedToDiskIds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_AP_gone_before_restoring_still_brings_home_back(bool autoconnect)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_GONE");
        bench.NetworkManager.ApVanishesBeforeRestore = true;
        bench.NetworkManager.AutoconnectHomeOnVanish = autoconnect;
        var steps = new List<SoftApEvent>();

        var lease = await SoftApJoiner.JoinAsync(bench.Join("PROV_GONE"), steps.Add, Ct);
        await lease.DisposeAsync();

        bench.AssertRestored();
        Assert.Equal(new ConnectionRestored("HomeWifi"), steps[^1]);
        // Autoconnect was quicker: activating HomeWifi again would only cycle it.
        Assert.Equal(autoconnect ? 0 : 1, bench.NetworkManager.Calls.Count(c => c == "ActivateConnection"));
    }

    [Fact]
    public async Task A_previous_connection_that_cannot_come_back_is_reported_not_thrown()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_5E1F00");
        var steps = new List<SoftApEvent>();
        var lease = await SoftApJoiner.JoinAsync(bench.Join("PROV_5E1F00"), steps.Add, Ct);
        bench.NetworkManager.HomeOutOfReach = true;

        await lease.DisposeAsync();

        Assert.Equal("HomeWifi went away while joining (NetworkManager: ssid-not-found).", lease.RestoreProblem);
        Assert.Equal(new ConnectionRestoreFailed("HomeWifi", lease.RestoreProblem!), steps[^1]);
        Assert.Null(bench.NetworkManager.ActiveProfileId);
        Assert.Equal([FakeNetworkManager.HomeSsid], bench.NetworkManager.ProfileIds); // the temporary profile is gone all the same
    }

    [Fact]
    public async Task Already_on_the_AP_nothing_changes_and_nothing_is_restored()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_HERE", gateway: "127.0.0.5");
        await using (await SoftApJoiner.JoinAsync(bench.Join("PROV_HERE"), null, Ct))
        {
            var steps = new List<SoftApEvent>();
            var callsBefore = bench.NetworkManager.Calls.Count;

            await using (var again = await SoftApJoiner.JoinAsync(bench.Join("PROV_HERE"), steps.Add, Ct))
            {
                Assert.False(again.Joined);
                Assert.Equal(IPAddress.Parse("127.0.0.5"), again.DeviceAddress);
            }

            Assert.Equal([new AccessPointAlreadyJoined("PROV_HERE", "wlan0", IPAddress.Parse("127.0.0.5"))], steps);
            Assert.Equal("esp-prov PROV_HERE", bench.NetworkManager.ActiveProfileId);
            Assert.Equal(["GetDevices"], bench.NetworkManager.Calls.Skip(callsBefore));
        }

        bench.AssertRestored();
    }

    [Fact]
    public async Task Cancelled_while_joining_restores_home()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_STUCK");
        bench.NetworkManager.ActivationStalls = true;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var join = SoftApJoiner.JoinAsync(bench.Join("PROV_STUCK") with { JoinTimeout = TimeSpan.FromMinutes(5) }, s =>
        {
            if (s is AccessPointJoining)
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        }, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => join);
        bench.AssertRestored();
    }

    [Fact]
    public async Task An_activation_NetworkManager_answers_after_the_join_timeout_is_undone_and_home_comes_back()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_BUSY");
        var answer = new TaskCompletionSource();
        bench.NetworkManager.ActivationAnswer = answer.Task;

        var error = await Assert.ThrowsAsync<AccessPointJoinTimeoutException>(() => SoftApJoiner.JoinAsync(
            bench.Join("PROV_BUSY") with { JoinTimeout = TimeSpan.FromSeconds(1), RestoreTimeout = TimeSpan.FromSeconds(1) }, null, Ct));
        Assert.Equal(FakeNetworkManager.HomeSsid, bench.NetworkManager.ActiveProfileId); // nothing switched yet
        answer.SetResult(); // NetworkManager switches networks after esp-prov gave up on it
        await bench.NetworkManager.HomeBack.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("NetworkManager did not answer the request to join PROV_BUSY within 1 s.", error.Message);
        Assert.Contains("AddAndActivateConnection2", bench.NetworkManager.Calls);
        Assert.Equal(["DeactivateConnection", "Delete", "ActivateConnection"], bench.NetworkManager.Calls.SkipWhile(c => c != "DeactivateConnection"));
        bench.AssertRestored();
    }

    [Fact]
    public async Task Cancelled_before_NetworkManager_answers_the_join_request_returns_without_waiting_for_the_join_timeout_and_a_late_answer_is_undone()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_BUSY");
        var answer = new TaskCompletionSource();
        bench.NetworkManager.ActivationAnswer = answer.Task;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Far below the join timeout: only honouring the cancellation ends the join before this does.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(20));

        var join = SoftApJoiner.JoinAsync(bench.Join("PROV_BUSY") with { JoinTimeout = TimeSpan.FromMinutes(5), RestoreTimeout = TimeSpan.FromSeconds(1) }, null, cancel.Token);
        await bench.NetworkManager.ActivationAsked.Task.WaitAsync(bounded.Token);
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => join.WaitAsync(bounded.Token));

        Assert.False(bounded.IsCancellationRequested);
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(FakeNetworkManager.HomeSsid, bench.NetworkManager.ActiveProfileId); // nothing switched yet
        answer.SetResult(); // NetworkManager switches networks after the cancellation
        await bench.NetworkManager.HomeBack.Task.WaitAsync(bounded.Token);
        Assert.Equal(["DeactivateConnection", "Delete", "ActivateConnection"], bench.NetworkManager.Calls.SkipWhile(c => c != "DeactivateConnection"));
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_join_answered_after_the_cancellation_but_within_the_restore_limit_is_undone_before_the_join_returns()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_BUSY");
        var answer = new TaskCompletionSource();
        bench.NetworkManager.ActivationAnswer = answer.Task;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(20));

        var join = SoftApJoiner.JoinAsync(bench.Join("PROV_BUSY") with { JoinTimeout = TimeSpan.FromMinutes(5), RestoreTimeout = TimeSpan.FromMinutes(5) }, null, cancel.Token);
        await bench.NetworkManager.ActivationAsked.Task.WaitAsync(bounded.Token);
        await cancel.CancelAsync();
        answer.SetResult(); // within the restore limit: the join waits for it and undoes it
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => join.WaitAsync(bounded.Token));

        // No wait for HomeBack: the undo was finished when the join returned.
        Assert.True(bench.NetworkManager.HomeBack.Task.IsCompleted);
        Assert.Equal(["DeactivateConnection", "Delete", "ActivateConnection"], bench.NetworkManager.Calls.SkipWhile(c => c != "DeactivateConnection"));
        bench.AssertRestored();
    }

    [Theory]
    [InlineData("org.freedesktop.DBus.Error.ServiceUnknown", typeof(NetworkManagerUnavailableException))]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied", typeof(AccessPointJoinFailedException))]
    public async Task A_bus_error_from_GetDevices_is_a_typed_join_error(string errorName, Type expected)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_X");
        bench.NetworkManager.FailCall = (_, member) => member == "GetDevices" ? errorName : null;

        var error = await Assert.ThrowsAnyAsync<SoftApJoinException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.IsType(expected, error);
        Assert.Contains(errorName == "org.freedesktop.DBus.Error.ServiceUnknown" ? "NetworkManager left the system bus" : "(org.freedesktop.DBus.Error.AccessDenied)", error.Message, StringComparison.Ordinal);
        bench.AssertRestored();
    }

    [Fact]
    public async Task NetworkManager_leaving_the_bus_mid_call_is_unavailable()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.LeaveBusOn = member => member == "GetDevices";

        var error = await Assert.ThrowsAsync<NetworkManagerUnavailableException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.Equal(NetworkManagerUnavailableReason.NotRunning, error.Reason);
    }

    [Fact]
    public async Task A_bus_error_after_activation_still_restores_home_first()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_X");
        // Only once the AP's connection was asked for: the device's address is what cannot be read.
        bench.NetworkManager.FailCall = (@interface, _) =>
            @interface == "org.freedesktop.NetworkManager.IP4Config" && bench.NetworkManager.Calls.Contains("AddAndActivateConnection2") && !bench.NetworkManager.Calls.Contains("DeactivateConnection")
                ? "org.freedesktop.DBus.Error.AccessDenied"
                : null;

        var error = await Assert.ThrowsAsync<AccessPointJoinFailedException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.StartsWith("NetworkManager failed while joining PROV_X: ", error.Message, StringComparison.Ordinal);
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_bus_error_reading_the_previous_connection_fails_before_joining_rather_than_joining_without_a_way_back()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_X");
        bench.NetworkManager.FailCall = (@interface, _) => @interface == "org.freedesktop.NetworkManager.Connection.Active" ? "org.freedesktop.DBus.Error.AccessDenied" : null;

        await Assert.ThrowsAsync<AccessPointJoinFailedException>(() => SoftApJoiner.JoinAsync(bench.Join("PROV_X"), null, Ct));

        Assert.DoesNotContain("AddAndActivateConnection2", bench.NetworkManager.Calls);
        bench.AssertRestored();
    }
}
