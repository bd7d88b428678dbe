using EspProv.Ble.Tests.Support;
using EspProv.Security;

namespace EspProv.Ble.Tests;

/// <summary>
/// The CLI's side of bond hygiene and device choice: --ble-pair, --ble-keep-bond, the yes/no question on a
/// terminal, and a device picked from the list connected to by its address.
/// </summary>
public sealed class CliBondTests
{
    private static readonly string[] Sec1 = ["--sec_ver", "1", "--pop", "abcd1234"];

    [Fact]
    public async Task Pairing_demanded_without_ble_pair_is_exit_3_pairing_required_and_nothing_is_paired()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_PAIR", SecurityVersion.Sec1);
        device.RequiresPairing = true;

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_PAIR", Sec1), bench.CliOptions);

        run.AssertFailure(3, "pairing_required");
        Assert.Contains("--ble-pair", run.Result.GetProperty("hint").GetString());
        Assert.Equal(0, device.PairCalls);
        Assert.False(device.Paired);
        Assert.Equal(0, device.RemoveCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ble_pair_pairs_and_the_bond_is_removed_afterwards_unless_ble_keep_bond(bool keep)
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_PAIR", SecurityVersion.Sec1);
        device.RequiresPairing = true;

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_PAIR", [.. Sec1, "--ble-pair", .. keep ? ["--ble-keep-bond"] : Array.Empty<string>()]), bench.CliOptions);

        run.AssertSuccess();
        Assert.Equal(1, device.PairCalls);
        Assert.Equal(keep ? 0 : 1, device.RemoveCalls);
        Assert.Equal(keep, device.Bonded);
    }

    [Fact]
    public async Task A_bond_the_user_made_survives_a_run()
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_MINE", SecurityVersion.Sec1);
        device.RequiresPairing = true;
        device.Paired = true;
        device.Bonded = true;

        var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_MINE", [.. Sec1, "--ble-pair"]), bench.CliOptions);

        run.AssertSuccess();
        Assert.Equal(0, device.PairCalls);
        Assert.Equal(0, device.RemoveCalls);
        Assert.True(device.Bonded);
    }

    [Theory]
    [InlineData("y", 0)]
    [InlineData("n", 3)]
    public async Task On_a_terminal_pairing_is_asked_first(string answer, int exitCode)
    {
        await using var bench = await Bench.StartAsync();
        var device = bench.AddDevice("PROV_PAIR", Bench.Sec(SecurityVersion.Sec1), out var backing);
        device.RequiresPairing = true;

        var run = await CliRunner.RunAsync(["--transport", "ble", "--service_name", "PROV_PAIR", .. Sec1, "--ssid", "OracleNet", "--passphrase", "correct-horse", "--poll-interval", "0.1"], bench.CliOptions with { Terminal = true, Stdin = answer + "\r" });

        Assert.True(run.ExitCode == exitCode, run.ToString());
        var shown = run.Stdout.Replace("\n", string.Empty, StringComparison.Ordinal); // unwrapped: the terminal is 80 columns
        Assert.True(shown.Contains("PROV_PAIR (24:0A:C4:00:00:01) requires pairing (an encrypted link); the bond is removed when esp-prov is done. Pair with it? [y/n] (n):", StringComparison.Ordinal), run.ToString());
        Assert.Equal(answer == "y" ? 1 : 0, device.PairCalls);
        Assert.Equal(answer == "y" ? 1 : 0, device.RemoveCalls);
        Assert.False(device.Paired);
        if (answer == "y")
        {
            Assert.Equal(1, backing.Device.Snapshot.AppliedCount);
        }
        else
        {
            Assert.Contains("error (pairing_required):", shown);
            Assert.Contains("pairing was declined", shown);
        }
    }

    [Fact]
    public async Task A_device_picked_from_the_list_is_connected_to_by_address_when_two_share_its_name()
    {
        await using var bench = await Bench.StartAsync();

        // The first device added is the one a lookup by name finds; the second, stronger one is listed first.
        var byName = bench.AddDevice("PROV_TWIN", Bench.Sec(SecurityVersion.Sec1), out var byNameBacking, address: "24:0A:C4:00:00:01");
        byName.Rssi = -70;
        var picked = bench.AddDevice("PROV_TWIN", Bench.Sec(SecurityVersion.Sec1), out var pickedBacking, address: "24:0A:C4:00:00:02");
        picked.Rssi = -40;

        var run = await CliRunner.RunAsync(["--transport", "ble", .. Sec1, "--ssid", "OracleNet", "--passphrase", "correct-horse", "--poll-interval", "0.1"], bench.CliOptions with { Terminal = true, Stdin = "1\r" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Select device by number (0 to rescan) :", run.Stdout);
        Assert.Contains("Connecting to PROV_TWIN (24:0A:C4:00:00:02) over BLE", run.Stdout);
        Assert.Equal(1, picked.ConnectCalls);
        Assert.Equal(0, byName.ConnectCalls);
        Assert.Equal(1, pickedBacking.Device.Snapshot.AppliedCount);
        Assert.Equal(0, byNameBacking.Device.Snapshot.AppliedCount);
    }
}
