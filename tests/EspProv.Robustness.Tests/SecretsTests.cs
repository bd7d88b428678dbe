using EspProv.Robustness.Tests.Support;
using EspProv.Security;

namespace EspProv.Robustness.Tests;

/// <summary>
/// A verbose (-v) provisioning, human and --json, prints none of the PoP, SRP password, Wi-Fi passphrase
/// or session key (as text or hex) on stdout or stderr; with --show-secrets the passphrase and key do appear, which proves
/// the scan can fail.
/// </summary>
public sealed class SecretsTests
{
    private const string Pop = "pop-7f3a9c21e8";
    private const string Password = "srp-pw-5d0e47b2";
    private const string Passphrase = "wifi-pass-c91b66f0";

    [Theory]
    [InlineData(SecurityVersion.Sec1, false)]
    [InlineData(SecurityVersion.Sec1, true)]
    [InlineData(SecurityVersion.Sec2, false)]
    [InlineData(SecurityVersion.Sec2, true)]
    public async Task Verbose_output_carries_no_secret(SecurityVersion security, bool json)
    {
        var (result, key) = await ProvisionAsync(security, json, showSecrets: false);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(json ? "\"direction\"" : "prov-config", result.All, StringComparison.Ordinal);
        foreach (var secret in Secrets(key))
        {
            Assert.False(result.All.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' leaked:\n{result}");
        }
    }

    [Theory]
    [InlineData(SecurityVersion.Sec1)]
    [InlineData(SecurityVersion.Sec2)]
    public async Task With_show_secrets_the_passphrase_and_session_key_appear(SecurityVersion security)
    {
        var (result, key) = await ProvisionAsync(security, json: false, showSecrets: true);
        Assert.True(result.ExitCode == 0, result.ToString());
        // The trace shows the set-config plaintext as hex, so the passphrase appears hex-encoded.
        Assert.Contains(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(Passphrase)), result.All, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(key), result.All, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Secrets(byte[] key) =>
    [
        Pop, Password, Passphrase,
        Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Passphrase)),
        Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Pop)),
        Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Password)),
        Convert.ToHexString(key),
        Convert.ToHexString(key.AsSpan(0, 16)),
        Convert.ToHexString(key.AsSpan(16, 16)),
    ];

    private static async Task<(CliResult Result, byte[] Key)> ProvisionAsync(SecurityVersion security, bool json, bool showSecrets)
    {
        var options = Scenarios.Device(security) with { Pop = Pop, Sec2Password = Password };
        await using var simulator = await SimulatorFixture.StartAsync(options);
        var args = Scenarios.SoftAp(simulator.Port, "-v", "--sec_ver", ((int)security).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--pop", Pop, "--sec2_username", Scenarios.Username, "--sec2_pwd", Password, "--ssid", Scenarios.Ssid, "--passphrase", Passphrase,
            "--custom_data", "hello");
        if (json)
        {
            args.Add("--json");
        }

        if (showSecrets)
        {
            args.Add("--show-secrets");
        }

        var result = await CliRunner.RunAsync(args);
        Assert.Equal(Passphrase, simulator.Device.Snapshot.AppliedCredentials?.PassphraseText);
        var key = simulator.SessionKey;
        Assert.NotNull(key);
        Assert.Equal(security == SecurityVersion.Sec1 ? 32 : 64, key.Length);
        return (result, key);
    }
}
