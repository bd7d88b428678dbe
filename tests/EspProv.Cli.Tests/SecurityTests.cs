using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>Every security scheme end to end through the CLI, chosen explicitly and automatically, and its session failures.</summary>
public sealed class SecurityTests
{
    public static TheoryData<string, bool> Schemes => new()
    {
        { "sec0", true }, { "sec0", false },
        { "sec1", true }, { "sec1", false },
        { "sec1-nopop", true }, { "sec1-nopop", false },
        { "sec2p1", true }, { "sec2p1", false },
        { "sec2p0", true }, { "sec2p0", false },
    };

    private static DeviceOptions DeviceFor(string scheme) => scheme switch
    {
        "sec0" => new DeviceOptions { Security = SecurityVersion.Sec0 },
        "sec1" => new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "abcd1234" },
        "sec1-nopop" => new DeviceOptions { Security = SecurityVersion.Sec1, NoPop = true },
        "sec2p1" => new DeviceOptions { Security = SecurityVersion.Sec2, Sec2PatchLevel = 1 },
        "sec2p0" => new DeviceOptions { Security = SecurityVersion.Sec2, Sec2PatchLevel = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };

    private static string[] CredentialsFor(string scheme) => scheme switch
    {
        "sec1" => ["--pop", "abcd1234"],
        "sec1-nopop" => [],
        "sec2p1" or "sec2p0" => ["--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"],
        _ => [],
    };

    private static int Version(string scheme) => scheme[3] - '0';

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Provisions_with_each_scheme_explicit_or_auto_selected(string scheme, bool explicitVersion)
    {
        await using var device = await SimDevice.StartAsync(DeviceFor(scheme));
        string[] secVer = explicitVersion ? ["--sec_ver", Version(scheme).ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        var run = await CliRunner.RunAsync(device.Provision([.. secVer, .. CredentialsFor(scheme)]));

        var result = run.AssertSuccess();
        Assert.Equal(Version(scheme), result.GetProperty("security").GetInt32());
        Assert.Equal("192.168.1.123", result.GetProperty("ip4").GetString());
        var selected = run.Progress.Where(p => p.GetProperty("stage").GetString() == "security_selected").ToList();
        if (explicitVersion)
        {
            Assert.DoesNotContain(selected, p => p.TryGetProperty("fields", out _));
        }
        else
        {
            // Auto selection reports the scheme it read from the device, security 2 included.
            var chosen = Assert.Single(selected, p => p.TryGetProperty("fields", out _));
            Assert.Equal(Version(scheme), chosen.GetProperty("fields").GetProperty("sec_ver").GetInt32());
        }

        // An unauthenticated session is allowed where no credentials ask for more, with one warning.
        var warnings = run.JsonLines.Where(e => e.GetProperty("event").GetString() == "warning").Select(e => e.GetProperty("code").GetString()).ToList();
        string?[] expectedWarnings = scheme switch
        {
            "sec0" or "sec1-nopop" => ["unauthenticated_session"],
            "sec2p0" => ["sec2_nonce_reuse"],
            _ => [],
        };
        Assert.Equal(expectedWarnings, warnings);

        Assert.True(device.Device.Snapshot.SessionEstablished);
        Assert.Equal("OracleNet", device.Device.Snapshot.AppliedCredentials!.SsidText);
        Assert.Equal("secret123", device.Device.Snapshot.AppliedCredentials.PassphraseText);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 0)]
    public async Task Explicit_sec_ver_below_what_the_device_announces_is_a_security_mismatch(int device, int requested)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = (SecurityVersion)device });
        var run = await CliRunner.RunAsync(sim.Provision("--sec_ver", requested.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pop", "abcd1234", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"));

        run.AssertFailure(4, "security_mismatch");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    public static TheoryData<string, string[]> Downgrades => new()
    {
        { "sec0", ["--pop", "abcd1234"] },
        { "sec0", ["--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"] },
        { "sec1", ["--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"] },
        { "sec1-nopop", ["--pop", "abcd1234"] },
        { "sec1-nopop", ["--sec2_pwd", "abcd1234"] },
        { "sec0", ["--sec_ver", "1", "--pop", "abcd1234"] },
        { "sec1", ["--sec_ver", "2", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"] },
        { "sec1-nopop", ["--sec_ver", "1", "--pop", "abcd1234"] },
        { "sec0", ["--qrcode", """{"ver":"v1","name":"PROV_1","pop":"abcd1234","transport":"softap"}"""] },
        { "sec1", ["--qrcode", """{"ver":"v1","name":"PROV_1","security":2,"transport":"softap"}""", "--sec2_username", "wifiprov"] },
    };

    [Theory]
    [MemberData(nameof(Downgrades))]
    public async Task A_device_announcing_less_than_the_credentials_gets_nothing(string scheme, string[] credentials)
    {
        await using var sim = await SimDevice.StartAsync(DeviceFor(scheme));
        var run = await CliRunner.RunAsync(sim.Provision(credentials));

        run.AssertFailure(4, "security_downgrade");
        Assert.Contains("no credentials were sent", run.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Records, r => r.Endpoint is "prov-session" or "prov-config");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData("sec0", "--allow-insecure")]
    [InlineData("sec1-nopop", "--allow-insecure")]
    [InlineData("sec0", "--sec_ver=0")]
    public async Task An_explicit_opt_in_provisions_a_weaker_device_with_one_warning(string scheme, string optIn)
    {
        await using var sim = await SimDevice.StartAsync(DeviceFor(scheme));
        var run = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", optIn));

        run.AssertSuccess();
        var warning = Assert.Single(run.JsonLines, e => e.GetProperty("event").GetString() == "warning");
        Assert.Equal("unauthenticated_session", warning.GetProperty("code").GetString());
        Assert.Equal("secret123", sim.Device.Snapshot.AppliedCredentials!.PassphraseText);
    }

    [Fact]
    public async Task A_downgrade_in_human_mode_names_the_way_out_and_an_allowed_one_warns_on_stderr()
    {
        await using var sim = await SimDevice.StartAsync(DeviceFor("sec0"));
        var refused = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "x", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"));
        var line = refused.AssertHumanFailure(4, "security_downgrade");
        Assert.Contains("announced security 0", line, StringComparison.Ordinal);
        Assert.Contains("--sec_ver 0", line, StringComparison.Ordinal);

        var allowed = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "x", "--poll-interval", "0.05", "--sec_ver", "0"));
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Single(allowed.Stderr.Split('\n'), l => l.StartsWith("esp-prov: warning: Unauthenticated session (security 0)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_patch_0_device_warns_and_its_ciphertexts_are_redacted_from_traces(bool showSecrets)
    {
        await using var sim = await SimDevice.StartAsync(DeviceFor("sec2p0"));
        string[] secrets = showSecrets ? ["--show-secrets"] : [];
        var run = await CliRunner.RunAsync(sim.Provision(["--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "-v", .. secrets]));

        run.AssertSuccess();
        var warning = Assert.Single(run.JsonLines, e => e.GetProperty("event").GetString() == "warning");
        Assert.Equal("sec2_nonce_reuse", warning.GetProperty("code").GetString());
        var encrypted = run.JsonLines.Where(e => e.GetProperty("event").GetString() == "trace" && e.GetProperty("endpoint").GetString() == "prov-config").ToList();
        Assert.True(encrypted.Count >= 4, run.ToString());
        Assert.All(encrypted, t => Assert.Equal(showSecrets, !t.GetProperty("wire_hex").GetString()!.StartsWith("<redacted", StringComparison.Ordinal)));

        // The handshake is not encrypted and stays visible either way.
        Assert.Contains(run.JsonLines, e => e.GetProperty("event").GetString() == "trace" && e.GetProperty("endpoint").GetString() == "prov-session" && !e.GetProperty("wire_hex").GetString()!.StartsWith('<'));
    }

    [Fact]
    public async Task A_patch_1_device_keeps_its_ciphertexts_in_traces_without_a_warning()
    {
        await using var sim = await SimDevice.StartAsync(DeviceFor("sec2p1"));
        var run = await CliRunner.RunAsync(sim.Provision("--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234", "-v"));

        run.AssertSuccess();
        Assert.DoesNotContain(run.JsonLines, e => e.GetProperty("event").GetString() == "warning");
        Assert.All(
            run.JsonLines.Where(e => e.GetProperty("event").GetString() == "trace" && e.GetProperty("endpoint").GetString() == "prov-config"),
            t => Assert.Matches("^[0-9a-f]+$", t.GetProperty("wire_hex").GetString()!));
    }

    [Fact]
    public async Task Wrong_pop_fails_the_session()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "abcd1234" });
        var run = await CliRunner.RunAsync(sim.Provision("--pop", "wrong-pop"));

        run.AssertFailure(4, "wrong_pop");
        Assert.False(sim.Device.Snapshot.SessionEstablished);
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Wrong_sec2_password_fails_the_session()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions());
        var run = await CliRunner.RunAsync(sim.Provision("--sec2_username", "wifiprov", "--sec2_pwd", "not-the-password"));

        run.AssertFailure(4, "wrong_credentials");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
    }

    [Fact]
    public async Task Wrong_pop_in_human_mode_is_one_error_line_on_stderr()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "x", "--pop", "nope"));

        run.AssertHumanFailure(4, "wrong_pop");
        Assert.DoesNotContain("esp-prov: error", run.Stdout, StringComparison.Ordinal);
    }
}
