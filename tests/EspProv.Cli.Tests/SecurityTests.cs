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
        "sec1-nopop" => ["--pop", "will-be-ignored"],
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
            Assert.Equal(Version(scheme).ToString(System.Globalization.CultureInfo.InvariantCulture), chosen.GetProperty("fields").GetProperty("sec_ver").GetString());
        }

        if (scheme == "sec1-nopop")
        {
            Assert.Contains(selected, p => p.GetProperty("message").GetString()!.Contains("Proof of Possession will be ignored", StringComparison.Ordinal));
        }

        Assert.True(device.Device.Snapshot.SessionEstablished);
        Assert.Equal("OracleNet", device.Device.Snapshot.AppliedCredentials!.SsidText);
        Assert.Equal("secret123", device.Device.Snapshot.AppliedCredentials.PassphraseText);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(2, 0)]
    public async Task Explicit_sec_ver_that_disagrees_with_the_device_is_a_security_mismatch(int device, int requested)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = (SecurityVersion)device });
        var run = await CliRunner.RunAsync(sim.Provision("--sec_ver", requested.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pop", "abcd1234", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234"));

        run.AssertFailure(4, "security_mismatch");
        Assert.Equal(0, sim.Device.Snapshot.AppliedCount);
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
