using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using EspProv.Cli.Tests.Support;

namespace EspProv.Cli.Tests;

/// <summary><c>esp-prov batch</c> against simulated devices: outcomes, the report after a crash, resuming, Ctrl+C, manifest errors.</summary>
public sealed class BatchTests : IDisposable
{
    // Security 2 with the simulator's (ESP-IDF's example) credentials, Wi-Fi to a network the simulator knows.
    private static readonly string[] Base = ["--transport", "softap", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "--ssid", "OracleNet", "--poll-interval", "0.05"];

    private static readonly string[] Defaults = [.. Base, "--passphrase", "secret123"];

    private readonly BatchWorkspace _workspace = new();

    [Fact]
    public async Task Batch_help_describes_the_flags_as_row_defaults_not_as_one_interactive_run()
    {
        var run = await CliRunner.RunAsync("batch", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("softap | httpd | ble: the transport of rows that leave it empty", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("scan and choose", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("console", run.Stdout, StringComparison.Ordinal);

        // The root command keeps its own words: the batch's options are not the same instances.
        var root = await CliRunner.RunAsync("--help");
        Assert.Contains("omitted: scan and choose", root.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_device_gets_its_own_outcome_and_only_link_failures_are_tried_again()
    {
        using var good = await DeviceProcess.StartAsync(2, "--port", "0", "--count", "2", "--connect-after", "1");
        using var wrongPassword = await DeviceProcess.StartAsync(1, "--port", "0", "--fail", "auth", "--connect-after", "1");
        using var reboots = await DeviceProcess.StartAsync(1, "--port", "0", "--drop-link", "1", "--connect-after", "1");
        var manifest = _workspace.Write(
            "devices.csv",
            "name,service_name",
            $"good-1,127.0.0.1:{good.Ports[0]}",
            $"good-2,127.0.0.1:{good.Ports[1]}",
            $"wrong-password,127.0.0.1:{wrongPassword.Ports[0]}",
            $"missing,127.0.0.1:{FreePort()}",
            $"reboots,127.0.0.1:{reboots.Ports[0]}");
        var report = _workspace.Path("report.jsonl");

        var run = await CliRunner.RunAsync(["batch", manifest, .. Defaults, "--retries", "1", "--json", "--report", report]);

        Assert.True(run.ExitCode == 12, run.ToString());
        var summary = run.Result;
        Assert.Equal("failed", summary.GetProperty("status").GetString());
        Assert.Equal("batch_failed", summary.GetProperty("error").GetString());
        Assert.Equal((5, 3, 2, 0), (summary.GetProperty("total").GetInt32(), summary.GetProperty("succeeded").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("skipped").GetInt32()));
        Assert.True(summary.GetProperty("duration_s").GetDouble() > 0);

        var lines = BatchWorkspace.ReportLines(report);
        Assert.Equal(5, lines.Count);
        var byName = BatchWorkspace.ByName(lines);
        foreach (var name in new[] { "good-1", "good-2" })
        {
            AssertLine(byName[name], "success", null, 0, attempts: 1);
            Assert.Equal("192.168.1.123", byName[name].GetProperty("ip4").GetString());
            Assert.Equal("OracleNet", byName[name].GetProperty("ssid").GetString());
            Assert.Equal("02:00:5e:10:00:01", byName[name].GetProperty("bssid").GetString());
            Assert.Equal(6, byName[name].GetProperty("channel").GetInt32());
            Assert.Equal(2, byName[name].GetProperty("security").GetInt32());
        }

        // A wrong password is final: sent once, never retried.
        AssertLine(byName["wrong-password"], "failed", "wifi_auth_error", 6, attempts: 1);
        Assert.Equal(2, byName["wrong-password"].GetProperty("security").GetInt32()); // the session was proven before the password was refused
        Assert.False(byName["missing"].TryGetProperty("security", out _));
        Assert.Single(wrongPassword.Stderr.Split('\n'), l => l.Contains("ApplyConfig -> Success", StringComparison.Ordinal));
        AssertLine(byName["missing"], "failed", "transport", 3, attempts: 2);
        AssertLine(byName["reboots"], "success", null, 0, attempts: 2);
        Assert.All(lines, l => Assert.True(DateTimeOffset.Parse(l.GetProperty("started_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.Parse(l.GetProperty("ended_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));

        // Every event names its device; each finished device is an event too, matching its report line.
        var events = run.JsonLines;
        Assert.All(events.Where(e => e.GetProperty("event").GetString() is "progress" or "device_started" or "retrying"), e => Assert.True(e.TryGetProperty("device", out _), e.ToString()));
        Assert.Equal(["missing", "reboots"], events.Where(e => e.GetProperty("event").GetString() == "retrying").Select(e => e.GetProperty("device").GetString()).Order());
        Assert.Equal(byName.Keys.Order(), events.Where(e => e.GetProperty("event").GetString() == "device").Select(e => e.GetProperty("name").GetString()).Order());
        Assert.All(events.Where(e => e.GetProperty("event").GetString() == "device"), e => Assert.Equal(e.GetProperty("name").GetString(), e.GetProperty("device").GetString()));
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "progress" && e.GetProperty("device").GetString() == "good-2" && e.GetProperty("stage").GetString() == "session_established");
    }

    [Fact]
    public async Task A_report_survives_kill_9_whole_and_resume_provisions_only_the_rest()
    {
        var devices = new Dictionary<string, SimDevice>();
        await using var hole = new BlackHole();
        try
        {
            foreach (var name in new[] { "a", "b", "c", "d" })
            {
                devices[name] = await SimDevice.StartAsync();
            }

            var manifest = _workspace.Write(
                "line7.csv",
                "name,service_name",
                $"a,{devices["a"].ServiceName}",
                $"b,{devices["b"].ServiceName}",
                $"stuck,{hole.ServiceName}",
                $"c,{devices["c"].ServiceName}",
                $"d,{devices["d"].ServiceName}");

            // One at a time: a and b finish, then the run hangs on a device that never answers, and dies there.
            await using (var first = CliRunner.Start(["batch", manifest, .. Defaults, "--concurrency", "1", "--request-timeout", "50", "--json"]))
            {
                await BatchWorkspace.WaitForLinesAsync(() => _workspace.DefaultReport("line7"), 2, first);
                await hole.Accepted.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                first.Kill();
            }

            var report = _workspace.DefaultReport("line7")!;
            var afterKill = BatchWorkspace.ReportLines(report);
            Assert.Equal(["a", "b"], afterKill.Select(l => l.GetProperty("name").GetString()));
            Assert.All(afterKill, l => Assert.Equal("success", l.GetProperty("status").GetString()));
            Assert.Equal(0, devices["c"].Records.Count + devices["d"].Records.Count);
            var requestsBefore = devices["a"].Records.Count + devices["b"].Records.Count;

            var resumed = await CliRunner.RunAsync(["batch", manifest, .. Defaults, "--resume", "--request-timeout", "1", "--json"]);

            Assert.True(resumed.ExitCode == 12, resumed.ToString());
            Assert.Equal(requestsBefore, devices["a"].Records.Count + devices["b"].Records.Count);
            Assert.Equal((2, 2, 1), (resumed.Result.GetProperty("skipped").GetInt32(), resumed.Result.GetProperty("succeeded").GetInt32(), resumed.Result.GetProperty("failed").GetInt32()));
            Assert.Equal(report, _workspace.DefaultReport("line7"));
            var lines = BatchWorkspace.ReportLines(report);
            Assert.Equal(["a", "b", "c", "d", "stuck"], lines.Select(l => l.GetProperty("name").GetString()).Order());
            var byName = BatchWorkspace.ByName(lines);
            AssertLine(byName["c"], "success", null, 0, attempts: 1);
            AssertLine(byName["d"], "success", null, 0, attempts: 1);
            AssertLine(byName["stuck"], "failed", "transport_timeout", 3, attempts: 1);
        }
        finally
        {
            foreach (var device in devices.Values)
            {
                await device.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_devices_in_flight_and_leaves_a_consistent_report()
    {
        await using var device = await SimDevice.StartAsync();
        await using var hole1 = new BlackHole();
        await using var hole2 = new BlackHole();
        await using var hole3 = new BlackHole();
        var manifest = _workspace.Write(
            "devices.jsonl",
            $$"""{"name":"good","service_name":"{{device.ServiceName}}"}""",
            $$"""{"name":"hole-1","service_name":"{{hole1.ServiceName}}"}""",
            $$"""{"name":"hole-2","service_name":"{{hole2.ServiceName}}"}""",
            $$"""{"name":"hole-3","service_name":"{{hole3.ServiceName}}"}""");
        var report = _workspace.Path("report.jsonl");

        await using var run = CliRunner.Start(["batch", manifest, .. Defaults, "--concurrency", "2", "--json", "--report", report], new CliOptions { DefaultSigint = true });
        await BatchWorkspace.WaitForLinesAsync(() => report, 1, run);
        await Task.WhenAll(hole1.Accepted, hole2.Accepted).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var signalled = Stopwatch.GetTimestamp();
        Assert.True(Kill(run.Id, SigInt) == 0, $"kill(2) failed: errno {Marshal.GetLastPInvokeError()}");
        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.True(Stopwatch.GetElapsedTime(signalled) < TimeSpan.FromSeconds(20), result.ToString());
        Assert.Equal("cancelled", result.Result.GetProperty("status").GetString());
        Assert.Equal((1, 2, 1), (result.Result.GetProperty("succeeded").GetInt32(), result.Result.GetProperty("cancelled").GetInt32(), result.Result.GetProperty("not_started").GetInt32()));
        var byName = BatchWorkspace.ByName(BatchWorkspace.ReportLines(report));
        Assert.Equal(["good", "hole-1", "hole-2"], byName.Keys.Order());
        AssertLine(byName["good"], "success", null, 0, attempts: 1);
        AssertLine(byName["hole-1"], "cancelled", "cancelled", 130, attempts: 1);
        AssertLine(byName["hole-2"], "cancelled", "cancelled", 130, attempts: 1);
        Assert.False(hole3.WasContacted);
    }

    [Fact]
    public async Task Output_that_cannot_be_written_stops_the_batch_with_exit_13_and_a_whole_report()
    {
        await using var hole = new BlackHole();
        var manifest = _workspace.Write("devices.csv", "name,service_name", $"silent,{hole.ServiceName}");
        var report = _workspace.Path("report.jsonl");
        string[] args = ["batch", manifest, .. Defaults, "--json", "--report", report, "--request-timeout", "50"];

        // /dev/full fails the first event's write: the device in flight is stopped, not left to its 50 s timeout.
        var run = await CliRunner.RunShellAsync($"esp-prov {string.Join(' ', args.Select(CliRunner.ShellQuote))} > /dev/full");

        Assert.True(run.ExitCode == 13, run.ToString());
        Assert.Contains("esp-prov: error (output_failed): Cannot write the output: ", run.Stderr, StringComparison.Ordinal);
        var line = Assert.Single(BatchWorkspace.ReportLines(report));
        AssertLine(line, "cancelled", "output_failed", 13, attempts: 1);
        Assert.StartsWith("Stopped while in flight: Cannot write the output: ", line.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_on_a_report_being_written_is_refused_and_writes_nothing()
    {
        await using var device = await SimDevice.StartAsync();
        await using var hole = new BlackHole();
        var manifest = _workspace.Write("devices.csv", "name,service_name", $"good,{device.ServiceName}", $"stuck,{hole.ServiceName}");
        var report = _workspace.Path("report.jsonl");

        // The first run reports "good", then hangs on a device that never answers, holding the report.
        await using var first = CliRunner.Start(["batch", manifest, .. Defaults, "--concurrency", "1", "--request-timeout", "50", "--json", "--report", report]);
        await BatchWorkspace.WaitForLinesAsync(() => report, 1, first);
        await hole.Accepted.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var second = await CliRunner.RunAsync(["batch", manifest, .. Defaults, "--resume", "--report", report, "--request-timeout", "1", "--json"]);

        second.AssertFailure(2, "usage");
        Assert.StartsWith($"The report {report} is being written by another esp-prov batch (it holds report.jsonl.lock)", second.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["good"], BatchWorkspace.ReportLines(report).Select(l => l.GetProperty("name").GetString()));
        first.Kill();
    }

    public static TheoryData<string, string[], string> ManifestErrors => new()
    {
        { "devices.csv", ["name,service_name,colour", "a,DEVICE,red"], "devices.csv, line 1, column 3 (colour): unknown column 'colour'" },
        { "devices.csv", ["name,service_name,transport,passphrase", "a,DEVICE,softap,secret123", "b,127.0.0.1:9,carrier-pigeon,secret123"], "devices.csv, line 3, column 3 (transport): Unknown transport 'carrier-pigeon'" },
        { "devices.csv", ["name,service_name,dataset_tlvs", "a,DEVICE,0e08zz"], "devices.csv, line 2, column 3 (dataset_tlvs):" },
        { "devices.csv", ["name,service_name,passphrase", "a,DEVICE,secret123", "a,127.0.0.1:9,secret123"], "devices.csv, line 3, column 1 (name): the name 'a' is already used on line 2" },
        // "" is an open network's empty passphrase; an empty cell takes the default, and there is none.
        { "devices.csv", ["service_name,passphrase", "127.0.0.1:9,\"\"", "DEVICE,"], "devices.csv, line 3, column 2 (passphrase): no passphrase, and a batch asks for none" },
        // A quoted value may span lines: the next row's line is counted as an editor shows it.
        { "devices.csv", ["name,service_name,sec_ver,passphrase", "\"two", "lines\",DEVICE,2,secret123", "b,127.0.0.1:9,7,secret123"], "devices.csv, line 4, column 3 (sec_ver): Invalid Security Version 7" },
        { "devices.csv", ["name,service_name", "a,DEVICE,extra"], "devices.csv, line 2: 3 values, but the header names 2 columns" },
        // Sep refuses a repeated header name by itself (ArgumentException); the reader must say where first.
        { "devices.csv", ["ssid,service_name,ssid", "x,DEVICE,y"], "devices.csv, line 1, column 3 (ssid): the column appears twice (also column 1)" },
        // One device, spelt two ways: provisioning it twice at once would break both sessions.
        { "devices.csv", ["name,service_name,passphrase", "a,192.168.4.1,secret123", "b,192.168.4.1:80,secret123"], "devices.csv, line 3, column 2 (service_name): the device '192.168.4.1:80' is already listed on line 2" },
        { "devices.jsonl", ["{\"name\":\"a\",\"service_name\":\"AA:BB:CC:00:11:22\",\"transport\":\"ble\",\"passphrase\":\"secret123\"}", "{\"name\":\"b\",\"service_name\":\"aa:bb:cc:00:11:22\",\"transport\":\"ble\",\"passphrase\":\"secret123\"}"], "devices.jsonl, line 2, column 13 (service_name): the device 'aa:bb:cc:00:11:22' is already listed on line 1" },
        // The single-device command would join PROV_QR through NetworkManager; a batch never joins.
        { "devices.jsonl", ["{\"name\":\"a\",\"service_name\":\"192.168.4.1\",\"passphrase\":\"secret123\",\"qrcode\":\"{\\\"ver\\\":\\\"v1\\\",\\\"name\\\":\\\"PROV_QR\\\",\\\"transport\\\":\\\"softap\\\"}\"}"], "devices.jsonl, line 1, column 67 (qrcode): a batch does not join access points" },
        { "devices.jsonl", ["{\"service_name\":\"DEVICE\",\"passphrase\":\"secret123\"}", "{\"service_name\":\"127.0.0.1:9\", \"passphrase\":\"" + new string('x', 70) + "\"}"], "devices.jsonl, line 2, column 32 (passphrase):" },
        { "devices.jsonl", ["{\"service_name\":\"DEVICE\",\"passphrase\":\"secret123\"}", "{\"service_name\":\"127.0.0.1:9\",\"ssid\":7}"], "devices.jsonl, line 2, column 31 (ssid): the value must be a string" },
        { "devices.jsonl", ["{\"service_name\":\"DEVICE\",\"passphrase\":\"secret123\"}", "{\"service_name\":"], "devices.jsonl, line 2, column 17 (JSON): not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(ManifestErrors))]
    public async Task A_bad_manifest_names_line_and_column_and_nothing_is_provisioned(string file, string[] lines, string expected)
    {
        await using var device = await SimDevice.StartAsync();
        var manifest = _workspace.Write(file, [.. lines.Select(l => l.Replace("DEVICE", device.ServiceName, StringComparison.Ordinal))]);

        // No default passphrase: a row without one would need a prompt.
        var run = await CliRunner.RunAsync(["batch", manifest, .. Base, "--json"]);

        run.AssertFailure(2, "usage");
        Assert.StartsWith(expected, run.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(device.Records);
        Assert.Null(_workspace.DefaultReport(Path.GetFileNameWithoutExtension(file)));
    }

    [Fact]
    public async Task Without_json_each_device_gets_a_line_and_the_summary_lists_the_failures()
    {
        await using var good = await SimDevice.StartAsync();
        await using var bad = await SimDevice.StartAsync(new Simulator.DeviceOptions { Fail = Simulator.FailureMode.Auth });
        var manifest = _workspace.Write("devices.csv", "name,service_name", $"good,{good.ServiceName}", $"bad,{bad.ServiceName}");

        var run = await CliRunner.RunAsync(["batch", manifest, .. Defaults]);

        Assert.True(run.ExitCode == 12, run.ToString());
        Assert.Contains("✓ good: Connected to 'OracleNet' with IP 192.168.1.123 (1 attempt", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ bad: failed (wifi_auth_error): ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("==== Batch: 2 devices, 1 succeeded, 1 failed, 0 skipped, 0 cancelled, 0 not started in ", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ bad +│ 127\.0\.0\.1:\d+ +│ wifi_auth_error │", run.Stdout);
        Assert.Contains($"Report: {_workspace.DefaultReport("devices")}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_a_live_table_shows_the_run()
    {
        await using var device = await SimDevice.StartAsync();
        var manifest = _workspace.Write("devices.csv", "name,service_name", $"only,{device.ServiceName}");

        var run = await CliRunner.RunAsync(["batch", manifest, .. Defaults], new CliOptions { Terminal = true, Stdin = string.Empty });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(" in flight · ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("==== Batch: 1 devices, 1 succeeded, 0 failed", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_example_runs_as_written()
    {
        var readme = File.ReadAllLines(Path.Combine(ReadmeSampleTests.RepositoryRoot(), "README.md"));
        var section = Array.IndexOf(readme, "## Batch provisioning");
        Assert.True(section > 0, "README has no Batch provisioning section");
        var open = Array.IndexOf(readme, "```sh", section);
        var block = string.Join('\n', readme[(open + 1)..Array.IndexOf(readme, "```", open + 1)]);

        var run = await CliRunner.RunShellAsync($"cd '{_workspace.Directory}'\n{block}", new CliOptions { Timeout = TimeSpan.FromSeconds(90) });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("==== Batch: 3 devices, 3 succeeded, 0 failed", run.Stdout, StringComparison.Ordinal);
        var byName = BatchWorkspace.ByName(BatchWorkspace.ReportLines(_workspace.Path("report.jsonl")));
        Assert.Equal(["garage", "hall", "kitchen"], byName.Keys.Order());
        Assert.All(byName.Values, l => Assert.Equal("success", l.GetProperty("status").GetString()));
        Assert.Equal("OracleNet-Guest", byName["hall"].GetProperty("ssid").GetString());
        Assert.Equal("OracleNet", byName["kitchen"].GetProperty("ssid").GetString());
    }

    [Fact]
    public async Task A_rows_own_values_and_its_QR_payload_win_over_the_command_line()
    {
        await using var byQr = await SimDevice.StartAsync();
        await using var byCell = await SimDevice.StartAsync();
        await using var byDefault = await SimDevice.StartAsync();
        var qr = """{"ver":"v1","name":"PROV_QR","username":"wifiprov","pop":"abcd1234","transport":"softap"}""".Replace("\"", "\"\"", StringComparison.Ordinal);
        var manifest = _workspace.Write(
            "devices.csv",
            "name,service_name,sec2_username,sec2_pwd,qrcode",
            $"qr,{byQr.ServiceName},,,\"{qr}\"",
            $"cell,{byCell.ServiceName},wifiprov,abcd1234,",
            $"default,{byDefault.ServiceName},,,");

        // The command line's credentials are wrong: only the rows that bring their own get through.
        var run = await CliRunner.RunAsync(["batch", manifest, "--transport", "httpd", "--sec2_username", "nobody", "--sec2_pwd", "wrong-password", "--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05", "--json"]);

        Assert.True(run.ExitCode == 12, run.ToString());
        var byName = BatchWorkspace.ByName(BatchWorkspace.ReportLines(_workspace.DefaultReport("devices")!));
        AssertLine(byName["qr"], "success", null, 0, attempts: 1);
        AssertLine(byName["cell"], "success", null, 0, attempts: 1);
        AssertLine(byName["default"], "failed", "wrong_credentials", 4, attempts: 1);
    }

    [Fact]
    public async Task A_secret_from_stdin_is_read_once_for_every_row_and_never_shown()
    {
        const string Secret = "piped-secret-42";
        await using var first = await SimDevice.StartAsync();
        await using var second = await SimDevice.StartAsync();
        var manifest = _workspace.Write("devices.csv", "name,service_name", $"first,{first.ServiceName}", $"second,{second.ServiceName}");

        var run = await CliRunner.RunAsync(["batch", manifest, .. Base, "--passphrase-file", "-", "--json"], new CliOptions { Stdin = Secret + "\n" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Secret, first.Device.Snapshot.AppliedCredentials!.PassphraseText);
        Assert.Equal(Secret, second.Device.Snapshot.AppliedCredentials!.PassphraseText);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, File.ReadAllText(_workspace.DefaultReport("devices")!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ssid")]
    [InlineData("@passphrase.txt")]
    [InlineData("-v -h --json")]
    public async Task A_value_that_looks_like_a_flag_or_a_response_file_is_data(string passphrase)
    {
        await using var device = await SimDevice.StartAsync();
        var manifest = _workspace.Write("devices.jsonl", JsonSerializer.Serialize(new Dictionary<string, string> { ["service_name"] = device.ServiceName, ["passphrase"] = passphrase }));

        var run = await CliRunner.RunAsync(["batch", manifest, .. Base, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(passphrase, device.Device.Snapshot.AppliedCredentials!.PassphraseText);
        Assert.Equal("OracleNet", device.Device.Snapshot.AppliedCredentials!.SsidText);
    }

    public void Dispose() => _workspace.Dispose();

    private static void AssertLine(JsonElement line, string status, string? error, int exitCode, int attempts)
    {
        Assert.True(status == line.GetProperty("status").GetString(), line.ToString());
        Assert.Equal(error, line.GetProperty("error").GetString());
        Assert.Equal(exitCode, line.GetProperty("exit_code").GetInt32());
        Assert.Equal(attempts, line.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrEmpty(line.GetProperty("message").GetString()), line.ToString());
    }

    // A port nobody listens on: the device is missing.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigInt = 2;

    // libc directly: the kill(1) binary comes with procps, which a minimal Debian lacks.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
