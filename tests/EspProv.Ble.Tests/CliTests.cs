using System.Text.Json;
using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

/// <summary>The CLI as a child process, its system bus pointed at the bench's private bus with the fake BlueZ.</summary>
internal static class CliArgs
{
    public static string[] Ble(string name, params string[] more) =>
        ["--transport", "ble", "--service_name", name, "--json", "--poll-interval", "0.1", "--request-timeout", "10", .. more];

    public static string[] Provision(string name, params string[] more) => Ble(name, ["--ssid", "OracleNet", "--passphrase", "correct-horse", .. more]);
}

public sealed class CliDiscoverTests
{
    [Fact]
    public async Task Discover_lists_prefixed_devices_with_rssi_as_json()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_NEAR", SecurityVersion.Sec0, address: "24:0A:C4:00:00:01").Rssi = -41;
        bench.AddDevice("PROV_FAR", SecurityVersion.Sec0, address: "24:0A:C4:00:00:02").Rssi = -77;
        bench.AddDevice("Headphones", SecurityVersion.Sec0, address: "24:0A:C4:00:00:03");

        var run = await CliRunner.RunAsync(["discover", "--prefix", "PROV_", "--timeout", "1", "--json"], bench.CliOptions);

        Assert.True(run.ExitCode == 0, run.ToString());
        var devices = run.JsonLines;
        Assert.Equal(["PROV_NEAR", "PROV_FAR"], devices.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal([-41, -77], devices.Select(d => d.GetProperty("rssi").GetInt32()));
        Assert.Equal("24:0A:C4:00:00:01", devices[0].GetProperty("address").GetString());
        Assert.Equal(BleUuids.ExampleService, devices[0].GetProperty("service_uuids")[0].GetString());
        Assert.False(bench.BlueZ.Discovering);
    }

    [Fact]
    public async Task Discover_without_bluez_fails_with_the_transport_code()
    {
        await using var bench = await Bench.StartAsync(withBlueZ: false);

        var run = await CliRunner.RunAsync(["discover", "--timeout", "1", "--json"], bench.CliOptions);

        // With --json the failure is a JSON result line too, like every other command's.
        run.AssertFailure(3, "transport");
        Assert.Contains("Bluetooth LE is unavailable: BlueZ (bluetoothd) is not running", run.Result.GetProperty("message").GetString());
    }
}

public sealed class CliSessionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Provisions_to_connected_with_each_security_scheme(int sec)
    {
        await using var bench = await Bench.StartAsync();
        var name = $"PROV_SEC{sec}";
        bench.AddDevice(name, Bench.Sec((SecurityVersion)sec), out var backing);
        string[] credentials = sec switch
        {
            0 => ["--sec_ver", "0"],
            1 => ["--sec_ver", "1", "--pop", "abcd1234"],
            _ => ["--sec_ver", "2", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"],
        };

        var run = await CliRunner.RunAsync(CliArgs.Provision(name, credentials), bench.CliOptions);

        run.AssertSuccess();
        var result = run.Result;
        Assert.Equal(sec, result.GetProperty("security").GetInt32());
        Assert.Equal("wifi", result.GetProperty("network").GetString());
        Assert.Equal("OracleNet", result.GetProperty("ssid").GetString());
        Assert.Equal(DefaultNetworks.StationIp4, result.GetProperty("ip4").GetString());
        var snapshot = backing.Device.Snapshot;
        Assert.Equal(1, snapshot.AppliedCount);
        Assert.Equal([1u], backing.Opened);
        Assert.Equal([1u], backing.Closed); // the CLI disconnected and the device closed the session
    }

    [Fact]
    public async Task Custom_data_reaches_the_custom_endpoint()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_CUSTOM", Bench.Sec(SecurityVersion.Sec1), out var backing, echo: false);

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_CUSTOM", "--sec_ver", "1", "--pop", "abcd1234", "--custom_data", "hello"), bench.CliOptions);

        run.AssertSuccess();
        Assert.Equal(Convert.ToHexStringLower("SUCCESS\0"u8), run.Result.GetProperty("response_hex").GetString());
        Assert.Contains(backing.Records, r => r.Endpoint == Endpoints.CustomData && r.Outcome == RequestOutcome.Answered);
    }

    [Fact]
    public async Task Reset_after_a_failed_attempt_then_provision_again()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_RESET", Bench.Sec(SecurityVersion.Sec0) with { Fail = FailureMode.Auth }, out var backing);

        var failed = await CliRunner.RunAsync(CliArgs.Provision("PROV_RESET", "--sec_ver", "0"), bench.CliOptions);
        var reset = await CliRunner.RunAsync(CliArgs.Ble("PROV_RESET", "--sec_ver", "0", "--reset"), bench.CliOptions);

        failed.AssertFailure(6, "wifi_auth_error");
        reset.AssertSuccess();
        Assert.Equal("reset", reset.Result.GetProperty("control").GetString());
        Assert.Equal(ManagerState.Started, backing.Device.Snapshot.Manager);
        Assert.Equal([1u, 2u], backing.Opened); // one session per connection
    }

    [Fact]
    public async Task Reprov_after_success_on_a_device_without_auto_stop()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_REPROV", Bench.Sec(SecurityVersion.Sec2) with { NoAutoStop = true }, out var backing);
        string[] sec2 = ["--sec_ver", "2", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"];

        var provisioned = await CliRunner.RunAsync(CliArgs.Provision("PROV_REPROV", sec2), bench.CliOptions);
        var reprov = await CliRunner.RunAsync(CliArgs.Ble("PROV_REPROV", [.. sec2, "--reprov"]), bench.CliOptions);

        provisioned.AssertSuccess();
        reprov.AssertSuccess();
        Assert.Equal("reprov", reprov.Result.GetProperty("control").GetString());
        Assert.False(backing.Device.IsStopped);
    }
}

public sealed class CliFaultTests
{
    [Fact]
    public async Task Device_not_found_is_exit_3_device_not_found()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_OTHER", SecurityVersion.Sec0);

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_MISSING", "--sec_ver", "0"), bench.CliOptions);

        run.AssertFailure(3, "device_not_found");
        Assert.Contains("PROV_MISSING", run.Result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Connect_failing_twice_is_exit_3_transport()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_DEAD", SecurityVersion.Sec0);
        device.FailConnects = 2;

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_DEAD", "--sec_ver", "0"), bench.CliOptions);

        run.AssertFailure(3, "transport");
        Assert.Contains("le-connection-abort-by-local", run.Result.GetProperty("message").GetString());
        Assert.Equal(2, device.ConnectCalls);
    }

    /// <summary>
    /// Observed: a drop on the first prov-session write reads as the device refusing the scheme (exit 4
    /// security_mismatch, as esp_prov concludes when httpd closes the socket at that step); anywhere else it is
    /// exit 3 transport.
    /// </summary>
    [Theory]
    [InlineData(Endpoints.ProtoVer, 3, "transport")]
    [InlineData(Endpoints.ProvSession, 4, "security_mismatch")]
    [InlineData(Endpoints.ProvConfig, 3, "transport")]
    public async Task Disconnect_during_a_write(string endpoint, int exitCode, string error)
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_DROP", Bench.Sec(SecurityVersion.Sec1), out var backing);
        device.DisconnectOnWriteTo = endpoint;

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_DROP", "--sec_ver", "1", "--pop", "abcd1234"), bench.CliOptions);

        run.AssertFailure(exitCode, error);
        if (exitCode == 3)
        {
            Assert.Contains($"dropped the BLE link during a request to {endpoint}", run.Result.GetProperty("message").GetString());
        }
        Assert.Equal([1u], backing.Closed);
        Assert.Equal(0, backing.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Wrong_pop_refused_by_the_device()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_POP", Bench.Sec(SecurityVersion.Sec1), out var backing);

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_POP", "--sec_ver", "1", "--pop", "wrong-pop"), bench.CliOptions);

        run.AssertFailure(4, "wrong_pop");
        Assert.Contains(backing.Records, r => r.Endpoint == Endpoints.ProvSession && r.FailureReason == DeviceFailureReason.WrongCredentials);
    }
}

public sealed class CliFallbackTests
{
    [Fact]
    public async Task Without_bluez_and_without_a_terminal_the_fallback_fails_as_usage_in_one_sentence()
    {
        await using var bench = await Bench.StartAsync(withBlueZ: false);
        // stdin stays open: a fallback that waited for a relayed answer would hit the timeout instead of exiting.
        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_CONSOLE", "--sec_ver", "0"), bench.CliOptions with { Stdin = null, Timeout = TimeSpan.FromSeconds(60) });

        run.AssertFailure(2, "usage");
        Assert.Equal(
            "Bluetooth LE is unavailable: BlueZ (bluetoothd) is not running on the system bus; the console fallback needs a person at a terminal to relay each message, so nothing was sent (use --transport console to relay through a pipe).",
            run.Result.GetProperty("message").GetString());
        Assert.DoesNotContain("Client->Device", run.All, StringComparison.Ordinal);
    }
}
