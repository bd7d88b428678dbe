using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Robustness.Tests;

/// <summary>
/// The CLI as a process: hostile devices and wrong secrets end in the documented exit codes
/// (Output/ExitCodes.cs: 3 transport, 4 session), and a refused session never lets credentials through.
/// </summary>
public sealed class CliExitCodeTests
{
    private static readonly string[] Wifi = ["--ssid", Scenarios.Ssid, "--passphrase", Scenarios.Passphrase];

    [Theory]
    [InlineData(HttpFault.CloseSilently, 0, "transport")]
    [InlineData(HttpFault.CloseInBody, 3, "transport")]
    [InlineData(HttpFault.InvalidStatusLine, 0, "transport")]
    [InlineData(HttpFault.InvalidChunkSize, 3, "transport")]
    [InlineData(HttpFault.HugeContentLength, 1, "transport")]
    [InlineData(HttpFault.HeaderFlood, 4, "transport")]
    [InlineData(HttpFault.ServerError, 3, "transport")]
    [InlineData(HttpFault.Stall, 3, "transport_timeout")]
    [InlineData(HttpFault.CloseSilently, 2, "wrong_credentials")]
    public async Task A_hostile_device_gives_the_documented_exit_code(HttpFault fault, int step, string error)
    {
        using var device = new SimulatedDevice(Scenarios.Device(SecurityVersion.Sec2));
        await using var server = new HostileHttpServer(device, fault, step);
        var result = await CliRunner.RunAsync(Scenarios.SoftAp(server.Port,
            ["--sec_ver", "2", "--sec2_username", Scenarios.Username, "--sec2_pwd", Scenarios.Password, "--request-timeout", "1", "--json", .. Wifi]));
        var expected = error == "wrong_credentials" ? 4 : 3;
        Assert.True(expected == result.ExitCode, result.ToString());
        Assert.Contains($"\"{error}\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SecurityVersion.Sec1, "--pop", "wrong-pop", "wrong_pop")]
    [InlineData(SecurityVersion.Sec2, "--sec2_pwd", "wrong-password", "wrong_credentials")]
    [InlineData(SecurityVersion.Sec2, "--sec_ver", "1", "security_mismatch")]
    [InlineData(SecurityVersion.Sec1, "--sec_ver", "2", "security_downgrade")]
    public async Task Wrong_secrets_or_scheme_exit_4_and_no_credentials_reach_the_device(SecurityVersion security, string option, string value, string error)
    {
        await using var simulator = await SimulatorFixture.StartAsync(Scenarios.Device(security));
        var args = new List<string> { "--sec2_username", Scenarios.Username, "--json" };
        args.AddRange(Wifi);
        var overrides = new Dictionary<string, string>
        {
            ["--pop"] = Scenarios.Pop,
            ["--sec2_pwd"] = Scenarios.Password,
            ["--sec_ver"] = ((int)security).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        overrides[option] = value;
        foreach (var (name, v) in overrides)
        {
            args.Add(name);
            args.Add(v);
        }

        var result = await CliRunner.RunAsync(Scenarios.SoftAp(simulator.Port, [.. args]));
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains($"\"{error}\"", result.Stdout, StringComparison.Ordinal);
        var snapshot = simulator.Device.Snapshot;
        Assert.False(snapshot.ReceivedCredentials);
        Assert.Null(snapshot.AppliedCredentials);
        Assert.False(simulator.ConfigReached, string.Join('\n', simulator.Records));
    }
}
