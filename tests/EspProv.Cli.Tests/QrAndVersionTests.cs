using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>--qrcode fills the gaps (explicit flags win) and --proto_ver checks the device.</summary>
public sealed class QrAndVersionTests
{
    private const string Qr = """{"ver":"v1","name":"PROV_X","pop":"abcd1234","transport":"softap","security":1}""";

    [Fact]
    public async Task Qrcode_supplies_transport_pop_and_security()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "abcd1234" });
        var run = await CliRunner.RunAsync(["--qrcode", Qr, "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "x", "--json", "--poll-interval", "0.05"]);

        var result = run.AssertSuccess();
        Assert.Equal(1, result.GetProperty("security").GetInt32());
        // security came from the QR payload, so nothing was auto-selected
        Assert.DoesNotContain(run.Progress, p => p.GetProperty("stage").GetString() == "security_selected");
    }

    [Fact]
    public async Task Explicit_pop_wins_over_the_qrcode()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "abcd1234" });
        var run = await CliRunner.RunAsync(["--qrcode", Qr, "--pop", "wrong-pop", "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "x", "--json"]);

        run.AssertFailure(4, "wrong_pop");
    }

    [Fact]
    public async Task Explicit_pop_fixes_a_qrcode_with_a_stale_pop()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "fresh-pop" });
        var run = await CliRunner.RunAsync(["--qrcode", Qr, "--pop", "fresh-pop", "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "x", "--json", "--poll-interval", "0.05"]);

        run.AssertSuccess();
    }

    [Fact]
    public async Task Explicit_sec_ver_and_transport_win_over_the_qrcode()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        const string bleQr = """{"ver":"v1","name":"PROV_X","pop":"abcd1234","transport":"ble","security":1}""";
        var run = await CliRunner.RunAsync(["--qrcode", bleQr, "--transport", "httpd", "--sec_ver", "0", "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "x", "--json", "--poll-interval", "0.05"]);

        Assert.Equal(0, run.AssertSuccess().GetProperty("security").GetInt32());
    }

    [Fact]
    public async Task Qrcode_security_that_disagrees_with_the_device_is_a_mismatch()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec2 });
        var run = await CliRunner.RunAsync(["--qrcode", Qr, "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "x", "--json"]);

        run.AssertFailure(4, "security_mismatch");
    }

    // Exactly what ESP-IDF's wifi_prov_mgr example prints for security 2: the password in "pop", no "security".
    private const string Sec2ExampleQr = """{"ver":"v1","name":"PROV_261FCC","username":"wifiprov","pop":"abcd1234","transport":"softap"}""";

    [Fact]
    public async Task Qrcode_of_esp_idf_security_2_example_provisions_with_pop_as_password()
    {
        await using var sim = await SimDevice.StartAsync();
        var run = await CliRunner.RunAsync(["--qrcode", Sec2ExampleQr, "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--non-interactive", "--poll-interval", "0.05"]);

        Assert.Equal(2, run.AssertSuccess().GetProperty("security").GetInt32());
    }

    [Fact]
    public async Task Security_2_qrcode_without_a_device_of_security_2_is_a_downgrade()
    {
        // The payload's pop is a security 2 password here, so it is no PoP to offer a security 1 device.
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "abcd1234" });
        var run = await CliRunner.RunAsync(["--qrcode", Sec2ExampleQr, "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--non-interactive"]);

        run.AssertFailure(4, "security_downgrade");
    }

    [Fact]
    public async Task Explicit_pop_wins_over_the_password_in_a_security_2_qrcode()
    {
        await using var sim = await SimDevice.StartAsync();
        var run = await CliRunner.RunAsync(["--qrcode", Sec2ExampleQr, "--pop", "wrong-password", "--service_name", sim.ServiceName, "--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--non-interactive"]);

        run.AssertFailure(4, "wrong_credentials");
    }

    [Fact]
    public async Task Pop_given_to_a_security_2_device_is_its_password()
    {
        await using var sim = await SimDevice.StartAsync();
        var run = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234", "--sec2_username", "wifiprov", "--non-interactive"));

        Assert.Equal(2, run.AssertSuccess().GetProperty("security").GetInt32());
    }

    [Fact]
    public async Task Pop_alone_for_a_security_2_device_asks_for_the_username_and_says_the_pop_is_the_password()
    {
        await using var sim = await SimDevice.StartAsync();
        var run = await CliRunner.RunAsync(sim.Provision("--pop", "abcd1234", "--non-interactive"));

        run.AssertFailure(2, "missing_input");
        Assert.Contains("the proof of possession given serves as the security 2 password", run.Result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_qrcode_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync(["--qrcode", "{not json", "--service_name", "127.0.0.1:9", "--json"]);

        run.AssertFailure(2, "usage");
    }

    [Theory]
    [InlineData(DeviceFlavour.WifiProv, "v1.1")]
    [InlineData(DeviceFlavour.WifiProv, "V1.1")]
    [InlineData(DeviceFlavour.NetworkProvWifi, "netprov-v1.2")]
    public async Task Matching_proto_ver_is_verified(DeviceFlavour flavour, string version)
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = flavour });
        var run = await CliRunner.RunAsync(sim.Provision("--proto_ver", version));

        run.AssertSuccess();
        Assert.Contains(run.Progress, p => p.GetProperty("stage").GetString() == "version_verified");
    }

    [Fact]
    public async Task Other_proto_ver_is_incompatible()
    {
        await using var sim = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var run = await CliRunner.RunAsync(sim.Provision("--proto_ver", "v9"));

        run.AssertFailure(11, "incompatible_device");
        Assert.All(sim.Records, r => Assert.Equal("proto-ver", r.Endpoint));
    }
}
