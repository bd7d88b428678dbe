using System.Globalization;
using System.Runtime.InteropServices;

namespace EspProv.Wifi.Tests;

/// <summary>
/// <c>esp-prov</c> as a child process, its system bus the bench's private bus with the fake NetworkManager, and the
/// device behind the AP an <c>esp-prov device</c> on 127.0.0.2: the fake's gateway. <c>--service_name</c> names
/// 127.0.0.1 with the device's port, so a run that used it instead of the gateway would be refused.
/// </summary>
public sealed class CliSoftApTests
{
    private const string DeviceAp = "PROV_5E1F00";
    private const string DeviceKey = "device-key";

    private static async Task<DeviceProcess> StartDeviceAsync(params string[] more) =>
        await DeviceProcess.StartAsync(1, ["--host", "127.0.0.2", "--port", "0", "--sec-ver", "1", "--pop", "device-pop", "--lifetime", "120", .. more]);

    private static string Port(DeviceProcess device) => device.Ports[0].ToString(CultureInfo.InvariantCulture);

    private static string[] Provision(DeviceProcess device, params string[] more) => Provision($"127.0.0.1:{Port(device)}", more);

    private static string[] Provision(string serviceName, params string[] more) =>
    [
        "--transport", "softap", "--service_name", serviceName, "--sec_ver", "1", "--pop", "device-pop",
        "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--poll-interval", "0.05", .. more,
    ];

    private const string Qr = $$"""{"ver":"v1","name":"{{DeviceAp}}","pop":"device-pop","transport":"softap"}""";

    private static string[] Join(DeviceProcess device, params string[] more) => Provision(device, ["--join", DeviceAp, "--join-password", DeviceKey, .. more]);

    private static IEnumerable<string?> Stages(CliResult run) => run.Progress.Select(p => p.GetProperty("stage").GetString()).Where(s => s!.StartsWith("softap_", StringComparison.Ordinal));

    [Fact]
    public async Task Join_provisions_through_the_gateway_and_restores_home_before_the_result()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();

        var run = await CliRunner.RunAsync(Join(device, "-v"), bench.CliOptions);

        run.AssertSuccess();
        Assert.Equal(["softap_wifi_device", "softap_joining", "softap_joined", "softap_left", "softap_restored"], Stages(run));
        var joined = run.Progress.Single(p => p.GetProperty("stage").GetString() == "softap_joined").GetProperty("fields");
        Assert.Equal("127.0.0.2", joined.GetProperty("address").GetString());
        Assert.Equal("wlan0", joined.GetProperty("interface").GetString());
        var lines = run.JsonLines;
        Assert.Equal("softap_restored", lines[^2].GetProperty("stage").GetString());
        Assert.Contains(lines, l => l.GetProperty("event").GetString() == "info" && l.GetProperty("message").GetString() == "Connecting to 127.0.0.2:" + device.Ports[0].ToString(CultureInfo.InvariantCulture));
        bench.AssertRestored();
        Assert.DoesNotContain(DeviceKey, run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("environment")]
    public async Task The_AP_password_comes_from_a_file_or_the_environment(string source)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();
        var file = Path.Combine(Path.GetTempPath(), $"esp-prov-join-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, DeviceKey + "\n", TestContext.Current.CancellationToken);
        try
        {
            var options = source == "file" ? bench.CliOptions : bench.CliOptions with
            {
                Environment = new Dictionary<string, string>(bench.CliOptions.Environment!) { ["ESP_PROV_JOIN_PASSWORD"] = DeviceKey },
            };
            string[] password = source == "file" ? ["--join-password-file", file] : [];

            var run = await CliRunner.RunAsync(Provision(device, ["--join", DeviceAp, .. password]), options);

            run.AssertSuccess();
            Assert.Equal(DeviceKey, bench.NetworkManager.LastAddSettings!["802-11-wireless-security"]["psk"].GetString());
            bench.AssertRestored();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Human_output_says_each_step()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();

        var run = await CliRunner.RunAsync(Join(device).Where(a => a != "--json"), bench.CliOptions);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("• Wi-Fi device wlan0, connected to HomeWifi (restored afterwards)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("• Joined PROV_5E1F00 on wlan0; the device is at 127.0.0.2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("• Reconnected to HomeWifi", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.Stdout.IndexOf("Reconnected to HomeWifi", StringComparison.Ordinal) < run.Stdout.IndexOf("Provisioning was successful", StringComparison.Ordinal), run.ToString());
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_softap_QR_code_joins_by_itself_and_says_so_in_one_line()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();

        // A port alone: the address is the AP's to give.
        var run = await CliRunner.RunAsync(Provision($":{Port(device)}", "--qrcode", Qr), bench.CliOptions);

        run.AssertSuccess();
        Assert.Single(run.JsonLines, l => l.GetProperty("event").GetString() == "info" && l.GetProperty("message").GetString()!.StartsWith($"The QR code names the softAP {DeviceAp}: joining it through NetworkManager", StringComparison.Ordinal));
        Assert.Equal(["softap_wifi_device", "softap_joining", "softap_joined", "softap_left", "softap_restored"], Stages(run));
        bench.AssertRestored();
    }

    [Fact]
    public async Task On_a_terminal_the_password_of_a_protected_AP_is_asked_for()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();
        string[] args = ["--transport", "softap", "--service_name", $":{Port(device)}", "--qrcode", Qr, "--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05"];

        var run = await CliRunner.RunAsync(args, bench.CliOptions with { Terminal = true, Stdin = DeviceKey + "\n" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Password of {DeviceAp} (the device's softAP key) :", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(DeviceKey, bench.NetworkManager.LastAddSettings!["802-11-wireless-security"]["psk"].GetString());
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_typed_password_WPA2_cannot_take_is_asked_for_again_and_never_reaches_NetworkManager()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();
        string[] args = ["--transport", "softap", "--service_name", $":{Port(device)}", "--qrcode", Qr, "--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05"];

        var run = await CliRunner.RunAsync(args, bench.CliOptions with { Terminal = true, Stdin = "short\n" + DeviceKey + "\n" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("A WPA2 password has 8 to 63 bytes; this one has 5. Try again.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, bench.NetworkManager.Calls.Count(c => c == "AddAndActivateConnection2"));
        Assert.Equal(DeviceKey, bench.NetworkManager.LastAddSettings!["802-11-wireless-security"]["psk"].GetString());
        bench.AssertRestored();
    }

    [Fact]
    public async Task Three_typed_passwords_WPA2_cannot_take_are_a_usage_error_before_anything_is_joined()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync();
        var tooLong = new string('k', 64);
        string[] args = ["--transport", "softap", "--service_name", $":{Port(device)}", "--qrcode", Qr, "--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05"];

        var run = await CliRunner.RunAsync(args, bench.CliOptions with { Terminal = true, Stdin = $"short\n{tooLong}\nseven77\n" });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("No valid softAP password after 3 attempts: A WPA2 password has 8 to 63 bytes; this one has 7.", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("AddAndActivateConnection2", bench.NetworkManager.Calls);
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_softap_QR_code_with_a_service_name_host_of_its_own_never_asks_NetworkManager()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, gateway: "127.0.0.2");
        using var device = await DeviceProcess.StartAsync(1, "--port", "0", "--sec-ver", "1", "--pop", "device-pop", "--lifetime", "120");

        var run = await CliRunner.RunAsync(Provision(device, "--qrcode", Qr), bench.CliOptions);

        run.AssertSuccess();
        Assert.Empty(bench.NetworkManager.Calls);
        Assert.Empty(Stages(run));
    }

    [Fact]
    public async Task No_join_turns_the_QR_codes_join_off()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, gateway: "127.0.0.2");

        // Joined, the port alone would name the device; not joined, nothing does.
        var run = await CliRunner.RunAsync(Provision(":9", "--qrcode", Qr, "--no-join"), bench.CliOptions);

        run.AssertFailure(2, "usage");
        Assert.Contains("--service_name :PORT", run.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(bench.NetworkManager.Calls);
    }

    [Fact]
    public async Task A_failed_provisioning_restores_home_before_the_result()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync("--fail", "auth", "--connect-after", "1");

        var run = await CliRunner.RunAsync(Join(device), bench.CliOptions);

        run.AssertFailure(6, "wifi_auth_error");
        Assert.Equal(["softap_wifi_device", "softap_joining", "softap_joined", "softap_left", "softap_restored"], Stages(run));
        bench.AssertRestored();
    }

    [Fact]
    public async Task The_device_dropping_its_AP_after_success_still_restores_home()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        bench.NetworkManager.ApVanishesBeforeRestore = true;
        using var device = await StartDeviceAsync();

        var run = await CliRunner.RunAsync(Join(device), bench.CliOptions);

        run.AssertSuccess();
        Assert.Equal("softap_restored", run.JsonLines[^2].GetProperty("stage").GetString());
        bench.AssertRestored();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_previous_connection_that_cannot_come_back_is_a_warning_and_the_outcome_stands(bool json)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        bench.NetworkManager.HomeOutOfReach = true;
        using var device = await StartDeviceAsync();

        var run = await CliRunner.RunAsync(Join(device).Where(a => json || a != "--json"), bench.CliOptions);

        Assert.True(run.ExitCode == 0, run.ToString());
        const string warning = "Could not reconnect to HomeWifi: HomeWifi went away while joining (NetworkManager: ssid-not-found) (NetworkManager reconnects on its own when it can; or run `nmcli connection up id 'HomeWifi'`)";
        if (json)
        {
            var line = run.JsonLines.Single(l => l.GetProperty("event").GetString() == "warning");
            Assert.Equal("softap_restore_failed", line.GetProperty("code").GetString());
            Assert.Equal(warning, line.GetProperty("message").GetString());
        }
        else
        {
            Assert.Contains($"esp-prov: warning: {warning}", run.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal([FakeNetworkManager.HomeSsid], bench.NetworkManager.ProfileIds);
    }

    [Theory]
    [InlineData("wrong-key", 3, "softap_auth_failed", "PROV_5E1F00 refused the password (NetworkManager: no-secrets).")]
    [InlineData(DeviceKey, 3, "softap_not_found", null)]
    public async Task Join_failures_are_exit_3_with_their_code_and_home_is_restored(string password, int exitCode, string error, string? message)
    {
        await using var bench = await NmBench.StartAsync();
        if (message is not null)
        {
            bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey);
        }

        // The join fails first: nothing listens on port 9 and nothing is sent there.
        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", "127.0.0.1:9", "--join", DeviceAp, "--join-password", password, "--sec_ver", "0", "--ssid", "x", "--passphrase", "secret123", "--json"], bench.CliOptions);

        run.AssertFailure(exitCode, error);
        if (message is not null)
        {
            Assert.Equal(message, run.Result.GetProperty("message").GetString());
            Assert.Equal("Check --join-password (the firmware's softAP password, its service_key).", run.Result.GetProperty("hint").GetString());
        }

        bench.AssertRestored();
        Assert.DoesNotContain(password, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_without_NetworkManager_is_exit_3_networkmanager_unavailable()
    {
        await using var bench = await NmBench.StartAsync(withNetworkManager: false);

        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", "127.0.0.1:9", "--join", DeviceAp, "--sec_ver", "0", "--ssid", "x", "--passphrase", "secret123", "--json"], bench.CliOptions);

        run.AssertFailure(3, "networkmanager_unavailable");
        Assert.Equal("NetworkManager is not running on the system bus.", run.Result.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("192.168.4.1:abc")]
    [InlineData(":99999")]
    public async Task A_bad_service_name_with_join_is_a_usage_error_before_NetworkManager_switches_anything(string serviceName)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");

        var run = await CliRunner.RunAsync(Provision(serviceName, "--join", DeviceAp, "--join-password", DeviceKey), bench.CliOptions);

        run.AssertFailure(2, "usage");
        Assert.StartsWith("--service_name: ", run.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AddAndActivateConnection2", bench.NetworkManager.Calls);
        bench.AssertRestored();
    }

    [Theory]
    [InlineData("org.freedesktop.DBus.Error.ServiceUnknown", "networkmanager_unavailable")]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied", "softap_join_failed")]
    public async Task A_bus_error_while_joining_is_exit_3_with_its_code_not_internal(string errorName, string error)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        bench.NetworkManager.FailCall = (_, member) => member == "GetDevices" ? errorName : null;

        var run = await CliRunner.RunAsync(Provision("127.0.0.1:9", "--join", DeviceAp, "--join-password", DeviceKey), bench.CliOptions);

        run.AssertFailure(3, error);
        bench.AssertRestored();
    }

    [Fact]
    public async Task A_softap_QR_code_goes_on_the_manual_way_when_NetworkManager_leaves_the_bus()
    {
        // The manual way goes to ESP-IDF's 192.168.4.1, which a test must never reach: the CLI runs in a network
        // namespace of its own (nothing but a down loopback), where that address is unreachable. The private bus
        // is a path socket, so NetworkManager's fake stays reachable.
        EnvironmentSkip.SkipUnless(await CanUnshareNetworkAsync(), "unshare -rn (a private network namespace) is not permitted here");
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, gateway: "127.0.0.2");
        bench.NetworkManager.LeaveBusOn = member => member == "GetDevices";
        var command = string.Join(' ', new[] { "unshare", "-rn", CliRunner.DotnetPath, CliRunner.DllPath }
            .Concat(Provision("192.168.4.1:9", "--qrcode", Qr, "--request-timeout", "5")).Select(CliRunner.ShellQuote));

        var run = await CliRunner.RunShellAsync("exec " + command, bench.CliOptions);

        run.AssertFailure(3, "transport");
        Assert.Contains(run.JsonLines, l => l.GetProperty("event").GetString() == "info" && l.GetProperty("message").GetString() == "Connecting to 192.168.4.1:9");
        Assert.Single(run.JsonLines, l => l.GetProperty("event").GetString() == "info" && l.GetProperty("message").GetString()!.EndsWith($"; join {DeviceAp} by hand (this run goes on as if you had).", StringComparison.Ordinal)
            && l.GetProperty("message").GetString()!.StartsWith("NetworkManager left the system bus", StringComparison.Ordinal));
    }

    private static async Task<bool> CanUnshareNetworkAsync()
    {
        try
        {
            using var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("unshare", ["-rn", "true"]) { RedirectStandardError = true })!;
            await probe.WaitForExitAsync(TestContext.Current.CancellationToken);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("GetDevices", "org.freedesktop.DBus.Error.ServiceUnknown", "networkmanager_unavailable")]
    [InlineData("GetAllAccessPoints", "org.freedesktop.DBus.Error.AccessDenied", "softap_scan_failed")]
    public async Task Discover_softap_bus_errors_are_exit_3_with_their_code(string failing, string errorName, string error)
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.FailCall = (_, member) => member == failing ? errorName : null;

        var run = await CliRunner.RunAsync(["discover", "--softap", "--timeout", "5", "--json"], bench.CliOptions);

        run.AssertFailure(3, error);
    }

    [Theory]
    [InlineData("--transport", "ble", "--join", DeviceAp)]
    [InlineData("--transport", "softap", "--join", DeviceAp, "--no-join")]
    [InlineData("--transport", "softap", "--join-password", "device-key")]
    [InlineData("--transport", "softap", "--join", DeviceAp, "--join-password", "short")]
    public async Task Join_flags_out_of_place_are_usage_errors(params string[] args)
    {
        var run = await CliRunner.RunAsync([.. args, "--service_name", "127.0.0.1:9", "--sec_ver", "0", "--ssid", "x", "--passphrase", "secret123", "--json"], new CliOptions { Stdin = string.Empty });

        run.AssertFailure(2, "usage");
    }

    [Fact]
    public async Task Ctrl_C_mid_provisioning_restores_home_and_exits_130()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint(DeviceAp, password: DeviceKey, gateway: "127.0.0.2");
        using var device = await StartDeviceAsync("--connect-after", "100000");
        var polling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = bench.CliOptions with { DefaultSigint = true, Timeout = TimeSpan.FromSeconds(60) };

        await using var process = CliRunner.Start(Join(device), options, line =>
        {
            if (line.Contains("\"stage\":\"status\"", StringComparison.Ordinal))
            {
                polling.TrySetResult();
            }
        });
        await polling.Task.WaitAsync(TimeSpan.FromSeconds(45), TestContext.Current.CancellationToken);
        Assert.Equal("esp-prov PROV_5E1F00", bench.NetworkManager.ActiveProfileId); // on the device's AP when interrupted
        Assert.True(Kill(process.Id, SigInt) == 0, $"kill(2) failed: errno {Marshal.GetLastPInvokeError()}");
        var run = await process.WaitAsync();

        run.AssertFailure(130, "cancelled");
        Assert.Equal(["softap_left", "softap_restored"], Stages(run).TakeLast(2));
        bench.AssertRestored();
    }

    [Fact]
    public async Task Discover_softap_lists_the_prefixed_APs_as_json()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_NEAR", password: DeviceKey, strength: 88);
        bench.NetworkManager.AddAccessPoint("PROV_FAR", strength: 31, bssid: "24:0A:C4:00:00:02");

        var run = await CliRunner.RunAsync(["discover", "--softap", "--timeout", "5", "--json"], bench.CliOptions);

        Assert.True(run.ExitCode == 0, run.ToString());
        var aps = run.JsonLines;
        Assert.Equal(["PROV_NEAR", "PROV_FAR"], aps.Select(a => a.GetProperty("ssid").GetString()));
        Assert.Equal([88, 31], aps.Select(a => a.GetProperty("signal").GetInt32()));
        Assert.Equal(["WPA2-PSK", "open"], aps.Select(a => a.GetProperty("security").GetString()));
    }

    [Fact]
    public async Task Discover_softap_as_a_table()
    {
        await using var bench = await NmBench.StartAsync();
        bench.NetworkManager.AddAccessPoint("PROV_NEAR", password: DeviceKey, strength: 88);

        var run = await CliRunner.RunAsync(["discover", "--softap", "--timeout", "5"], bench.CliOptions);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"PROV_NEAR\s*│\s*24:0A:C4:00:00:01\s*│\s*88%\s*│\s*WPA2-PSK", run.Stdout);
        Assert.DoesNotContain(FakeNetworkManager.HomeSsid, run.Stdout, StringComparison.Ordinal);
    }

    private const int SigInt = 2;

    // libc directly: the kill(1) binary comes with procps, which a minimal Debian lacks.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
