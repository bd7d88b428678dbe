using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Tests;

/// <summary>Secrets from files, standard input and the environment instead of argv (readable by every local user).</summary>
public sealed class SecretInputTests
{
    private static readonly DeviceOptions Sec1Device = new() { Security = SecurityVersion.Sec1, Pop = "file-pop" };

    private static string[] Provision(SimDevice device, params string[] more) =>
        device.Args(["--ssid", "OracleNet", "--json", "--poll-interval", "0.05", .. more]);

    [Fact]
    public async Task Passphrase_and_pop_come_from_files_without_their_trailing_newline()
    {
        await using var device = await SimDevice.StartAsync(Sec1Device);
        using var files = new TempFiles();
        var run = await CliRunner.RunAsync(Provision(device, "--passphrase-file", files.Write("from a file\n"), "--pop-file", files.Write("file-pop\r\n")));

        run.AssertSuccess();
        Assert.Equal("from a file", device.Device.Snapshot.AppliedCredentials!.PassphraseText);
        Assert.DoesNotContain("from a file", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passphrase_comes_from_stdin_and_sec2_password_from_the_environment()
    {
        await using var device = await SimDevice.StartAsync(new DeviceOptions());
        var run = await CliRunner.RunAsync(
            Provision(device, "--passphrase-file", "-", "--sec2_username", "wifiprov"),
            new CliOptions { Stdin = "piped passphrase\n", Environment = new Dictionary<string, string> { ["ESP_PROV_SEC2_PWD"] = "abcd1234" } });

        run.AssertSuccess();
        Assert.Equal("piped passphrase", device.Device.Snapshot.AppliedCredentials!.PassphraseText);
    }

    [Fact]
    public async Task A_flag_wins_over_the_environment()
    {
        await using var device = await SimDevice.StartAsync(Sec1Device);
        var run = await CliRunner.RunAsync(
            Provision(device, "--passphrase", "from the flag", "--pop", "file-pop"),
            new CliOptions { Environment = new Dictionary<string, string> { ["ESP_PROV_PASSPHRASE"] = "from the environment", ["ESP_PROV_POP"] = "wrong-pop" } });

        run.AssertSuccess();
        Assert.Equal("from the flag", device.Device.Snapshot.AppliedCredentials!.PassphraseText);
    }

    [Fact]
    public async Task Thread_dataset_comes_from_a_file()
    {
        await using var device = await SimDevice.StartAsync(new DeviceOptions { Security = SecurityVersion.Sec1, Pop = "file-pop", Flavour = DeviceFlavour.NetworkProvThread });
        using var files = new TempFiles();
        const string dataset = "0e080000000000010000" + "000300000f" + "01021234" + "0208dead00beef00cafe" + "030c4f7261636c65546872656164" + "051000112233445566778899aabbccddeeff";
        var run = await CliRunner.RunAsync(device.Args("--json", "--poll-interval", "0.05", "--pop", "file-pop", "--dataset-tlvs-file", files.Write(dataset + "\n")));

        Assert.Equal("thread", run.AssertSuccess().GetProperty("network").GetString());
        Assert.Equal(Convert.FromHexString(dataset), device.Device.Snapshot.AppliedCredentials!.ThreadDataset);
    }

    public static TheoryData<string[]> Refused => new()
    {
        { ["--passphrase", "x", "--passphrase-file", "/dev/null"] },
        { ["--passphrase-file", "-", "--pop-file", "-"] },
        { ["--passphrase-file", "/nonexistent/secret"] },
        { ["--passphrase-file", ""] },
        { ["--passphrase-file", "/dev/zero"] },
        { ["--endpoint", "custom-data", "--data-file", "/dev/zero"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Conflicting_unreadable_or_endless_secret_inputs_are_usage_errors(string[] args)
    {
        await using var device = await SimDevice.StartAsync(Sec1Device);
        var run = await CliRunner.RunAsync(Provision(device, ["--pop", "file-pop", .. args]), new CliOptions { Stdin = string.Empty });

        run.AssertFailure(2, "usage");
        Assert.Empty(device.Records);
    }

    [Fact]
    public async Task The_console_transport_refuses_secrets_from_its_protocol_stream()
    {
        var run = await CliRunner.RunAsync(["--transport", "console", "--sec_ver", "0", "--ssid", "x", "--passphrase-file", "-", "--json"], new CliOptions { Stdin = string.Empty });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("console transport", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leftover_environment_secret_does_not_override_the_qr_code_of_this_run()
    {
        await using var device = await SimDevice.StartAsync(Sec1Device);
        const string qr = """{"ver":"v1","name":"PROV_1","pop":"file-pop","transport":"softap"}""";
        var run = await CliRunner.RunAsync(
            Provision(device, "--qrcode", qr, "--passphrase", "from the flag"),
            new CliOptions { Environment = new Dictionary<string, string> { ["ESP_PROV_POP"] = "an-earlier-device-pop" } });

        run.AssertSuccess();
        Assert.Equal("from the flag", device.Device.Snapshot.AppliedCredentials!.PassphraseText);
    }

    private sealed class TempFiles : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("esp-prov-secrets").FullName;
        private int _count;

        public string Write(string content)
        {
            var path = Path.Combine(_directory, $"secret{_count++}");
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
