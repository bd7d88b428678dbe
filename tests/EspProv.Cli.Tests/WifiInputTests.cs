using System.Text;
using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>SSID encodings (UTF-8, --ssid-hex) and BSSID/channel pinning.</summary>
public sealed class WifiInputTests
{
    [Fact]
    public async Task Utf8_ssid_reaches_the_device_as_utf8_bytes()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var run = await CliRunner.RunAsync(sim.Args("--pop", "abcd1234", "--ssid", "Café-☕", "--passphrase", "pässwörd", "--json", "--poll-interval", "0.05"));

        var result = run.AssertSuccess();
        var utf8 = Encoding.UTF8.GetBytes("Café-☕");
        Assert.Equal("Café-☕", result.GetProperty("ssid").GetString());
        Assert.Equal(Convert.ToHexStringLower(utf8), result.GetProperty("ssid_hex").GetString());
        var applied = sim.Device.Snapshot.AppliedCredentials!;
        Assert.Equal(utf8, applied.Ssid);
        Assert.Equal(Encoding.UTF8.GetBytes("pässwörd"), applied.Passphrase);
        Assert.Contains("ssid=\"Café-☕\"", sim.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_ssid_in_human_mode()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "Café-☕", "--passphrase", "x", "--poll-interval", "0.05"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connected to Café-☕", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_passphrase_provisions_an_open_network()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet-Guest", "--passphrase", "", "--json", "--poll-interval", "0.05"));

        var result = run.AssertSuccess();
        Assert.Equal("Open", result.GetProperty("auth").GetString());
        Assert.Empty(sim.Device.Snapshot.AppliedCredentials!.Passphrase);
    }

    [Fact]
    public async Task Ssid_hex_sends_raw_bytes()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid-hex", "4e6574ff01", "--passphrase", "x", "--json", "--poll-interval", "0.05"));

        var result = run.AssertSuccess();
        Assert.Equal("4e6574ff01", result.GetProperty("ssid_hex").GetString());
        Assert.Equal(new byte[] { 0x4e, 0x65, 0x74, 0xff, 0x01 }, sim.Device.Snapshot.AppliedCredentials!.Ssid);
    }

    [Fact]
    public async Task Bssid_and_channel_pinning_go_on_the_wire()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Provision("--bssid", "02:00:5e:10:00:01", "--channel", "6", "-v", "--show-secrets"));

        var result = run.AssertSuccess();
        Assert.Equal("02:00:5e:10:00:01", result.GetProperty("bssid").GetString());
        var setConfig = run.JsonLines.Where(e => e.GetProperty("event").GetString() == "trace"
            && e.GetProperty("direction").GetString() == "out"
            && e.GetProperty("endpoint").GetString() == "prov-config")
            .Select(e => e.GetProperty("plain_hex").GetString()!)
            .First(h => h.StartsWith("0802", StringComparison.Ordinal));
        Assert.Contains("02005e100001", setConfig, StringComparison.Ordinal); // bssid field
        Assert.Contains("2006", setConfig, StringComparison.Ordinal); // channel field (4) = 6
    }

    [Fact]
    public async Task Ssid_and_ssid_hex_together_are_a_usage_error()
    {
        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", "127.0.0.1:9", "--ssid", "a", "--ssid-hex", "4e6574", "--passphrase", "x", "--json"]);

        run.AssertFailure(2, "usage");
    }

    [Fact]
    public async Task Verbose_json_redacts_the_passphrase_without_show_secrets()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Provision("-v"));

        run.AssertSuccess();
        Assert.Contains(run.JsonLines, e => e.GetProperty("event").GetString() == "trace");
        Assert.DoesNotContain(Convert.ToHexStringLower("secret123"u8), run.Stdout, StringComparison.Ordinal);
        Assert.Contains("redacted", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_human_mode_redacts_the_passphrase_on_a_sec0_wire()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Args("--ssid", "OracleNet", "--passphrase", "secret123", "--poll-interval", "0.05", "-v"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("-> prov-config", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower("secret123"u8), run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bssid", "02:00:5e:10:00")]
    [InlineData("--bssid", "zz:00:5e:10:00:01")]
    [InlineData("--ssid-hex", "4e6")]
    [InlineData("--ssid", "this-ssid-is-much-longer-than-32-bytes")]
    [InlineData("--channel", "six")]
    public async Task Invalid_wifi_input_is_a_usage_error(string flag, string value)
    {
        var run = await CliRunner.RunAsync(["--transport", "softap", "--service_name", "127.0.0.1:9", flag, value, "--passphrase", "x", "--json"]);

        run.AssertFailure(2, "usage");
    }
}
