using System.Text.RegularExpressions;
using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>Missing input never blocks a non-interactive run; the scan path; --sec2_gen_cred.</summary>
public sealed partial class InputTests
{
    // Generous for loaded CI machines; a run that waited for input would never finish at all.
    private static readonly CliOptions Quick = new() { Timeout = TimeSpan.FromSeconds(45) };

    [Fact]
    public async Task Scan_without_ssid_non_interactive_shows_the_scan_then_exits_2()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--json", "--non-interactive", "--passphrase", "x"), Quick);

        run.AssertFailure(2, "missing_input");
        var scanned = Assert.Single(run.Progress, p => p.GetProperty("stage").GetString() == "scanned");
        Assert.Equal(6, scanned.GetProperty("fields").GetProperty("count").GetInt32());
        var first = scanned.GetProperty("fields").GetProperty("access_points")[0];
        Assert.Equal("OracleNet", first.GetProperty("ssid").GetString());
        Assert.Equal("4f7261636c654e6574", first.GetProperty("ssid_hex").GetString());
        Assert.Equal("02:00:5e:10:00:01", first.GetProperty("bssid").GetString());
        Assert.Equal(6, first.GetProperty("channel").GetInt32());
        Assert.Equal(-38, first.GetProperty("rssi").GetInt32());
        Assert.Equal("WPA2_PSK", first.GetProperty("auth").GetString());
        Assert.Equal(6, scanned.GetProperty("fields").GetProperty("access_points").GetArrayLength());
        Assert.Equal(1, sim.Count("ScanStart"));
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Scan_only_lists_the_access_points_and_exits_0()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--scan-only", "--pop", "abcd1234", "--json"), Quick);

        var result = run.AssertSuccess();
        Assert.Equal("wifi", result.GetProperty("network").GetString());
        Assert.Equal(6, result.GetProperty("count").GetInt32());
        Assert.Equal("OracleNet-Guest", result.GetProperty("access_points")[1].GetProperty("ssid").GetString());
        Assert.Equal(0, sim.Count("SetConfig"));

        var human = await CliRunner.RunAsync(sim.Args("--scan-only", "--pop", "abcd1234"), Quick);
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("02:00:5e:10:00:02", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("OracleNet-Guest", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_without_ssid_in_human_mode_with_redirected_stdin_exits_2()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, ScanCount = 3 });
        var run = await CliRunner.RunAsync(sim.Args("--passphrase", "x"), Quick);

        var line = run.AssertHumanFailure(2, "missing_input");
        Assert.Contains("Scan found 3 access points", run.Stdout, StringComparison.Ordinal);

        // The scan is shown so that a script's log says which --ssid to pass.
        Assert.Contains("CoffeeShop", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("02:00:5e:10:00:03", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--ssid", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_passphrase_with_redirected_stdin_exits_2_without_waiting()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet"), Quick);

        var line = run.AssertHumanFailure(2, "missing_input");
        Assert.Contains("--passphrase", line, StringComparison.Ordinal);
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Missing_pop_with_redirected_stdin_exits_2_without_waiting()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "x", "--json"), Quick);

        run.AssertFailure(2, "missing_input");
    }

    [Fact]
    public async Task Missing_sec2_username_with_redirected_stdin_exits_2_without_waiting()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions());
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "x", "--sec2_pwd", "abcd1234", "--json"), Quick);

        run.AssertFailure(2, "missing_input");
    }

    public static TheoryData<string[]> UsageErrors => new()
    {
        { ["--transport", "softap", "--service_name", "127.0.0.1:9", "--sec_ver", "3", "--json"] }, // unsupported sec_ver
        { ["--ssid", "x", "--passphrase", "y", "--json"] }, // no transport
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Unsupported_sec_ver_or_missing_transport_is_a_usage_error(string[] args)
    {
        var run = await CliRunner.RunAsync(args, Quick);

        run.AssertFailure(2, "usage");
    }

    [Fact]
    public async Task Sec2_gen_cred_prints_c_arrays_that_match_the_credentials()
    {
        var run = await CliRunner.RunAsync(["--sec_ver", "2", "--sec2_gen_cred", "--sec2_username", "u", "--sec2_pwd", "p"], Quick);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("==== Salt-verifier for security scheme 2 (SRP6a) ====", run.Stdout, StringComparison.Ordinal);
        var salt = CArray(run.Stdout, "sec2_salt");
        var verifier = CArray(run.Stdout, "sec2_verifier");
        Assert.Equal(16, salt.Length);
        Assert.Equal(384, verifier.Length);
        Assert.Equal(Sec2Credentials.FromSalt("u", "p", salt).Verifier, verifier);
    }

    [Fact]
    public async Task Sec2_gen_cred_json_and_salt_length()
    {
        var run = await CliRunner.RunAsync(["--sec_ver", "2", "--sec2_gen_cred", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "--sec2_salt_len", "32", "--json"], Quick);

        var result = run.AssertSuccess();
        Assert.Equal("wifiprov", result.GetProperty("username").GetString());
        var salt = Convert.FromHexString(result.GetProperty("salt_hex").GetString()!);
        Assert.Equal(32, salt.Length);
        Assert.Equal(Sec2Credentials.FromSalt("wifiprov", "abcd1234", salt).Verifier, Convert.FromHexString(result.GetProperty("verifier_hex").GetString()!));
    }

    [Fact]
    public async Task Generated_credentials_work_against_a_device_built_with_them()
    {
        var gen = await CliRunner.RunAsync(["--sec_ver", "2", "--sec2_gen_cred", "--sec2_username", "alice", "--sec2_pwd", "s3cret", "--json"], Quick);
        var result = gen.AssertSuccess();
        await using var sim = await SimDevice.StartAsync(new DeviceOptions
        {
            Sec2Username = "alice",
            Sec2Password = string.Empty,
            Sec2Salt = Convert.FromHexString(result.GetProperty("salt_hex").GetString()!),
            Sec2Verifier = Convert.FromHexString(result.GetProperty("verifier_hex").GetString()!),
        });

        var run = await CliRunner.RunAsync(sim.Provision("--sec_ver", "2", "--sec2_username", "alice", "--sec2_pwd", "s3cret"));

        Assert.Equal(2, run.AssertSuccess().GetProperty("security").GetInt32());
    }

    [Theory]
    [InlineData("--sec2_pwd", "p")]
    [InlineData("--sec2_username", "u")]
    public async Task Sec2_gen_cred_without_username_or_password_exits_2(string flag, string value)
    {
        var run = await CliRunner.RunAsync(["--sec_ver", "2", "--sec2_gen_cred", flag, value], Quick);

        var line = run.AssertHumanFailure(2, "usage");
        Assert.Contains("--sec2_username", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private static byte[] CArray(string text, string name)
    {
        var match = Regex.Match(text, $@"static const char {name}\[\] = \{{([^}}]*)\}};");
        Assert.True(match.Success, $"{name} not found in:\n{text}");
        return HexByte().Matches(match.Groups[1].Value).Select(m => Convert.ToByte(m.Groups[1].Value, 16)).ToArray();
    }

    [GeneratedRegex("0x([0-9a-f]{2})")]
    private static partial Regex HexByte();
}
