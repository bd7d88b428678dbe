using EspProv.Ble.Tests.Support;
using EspProv.Security;

namespace EspProv.Ble.Tests;

/// <summary><c>esp-prov batch</c> over BLE: the devices of one adapter take turns within the batch's concurrency.</summary>
public sealed class CliBatchTests
{
    [Fact]
    public async Task BLE_rows_share_the_adapter_one_device_at_a_time_with_ble_concurrency_1()
    {
        await using var bench = await Bench.StartAsync();
        string[] names = ["PROV_B1", "PROV_B2", "PROV_B3"];
        for (var i = 0; i < names.Length; i++)
        {
            bench.AddDevice(names[i], SecurityVersion.Sec0, address: $"24:0A:C4:00:00:1{i}");
        }

        var directory = Directory.CreateTempSubdirectory("esp-prov-ble-batch-");
        try
        {
            var manifest = Path.Combine(directory.FullName, "devices.csv");
            await File.WriteAllLinesAsync(manifest, ["name,service_name", .. names.Select(n => $"{n.ToLowerInvariant()},{n}")], TestContext.Current.CancellationToken);

            var run = await CliRunner.RunAsync(
                ["batch", manifest, "--transport", "ble", "--sec_ver", "0", "--ssid", "OracleNet", "--passphrase", "correct-horse", "--poll-interval", "0.1", "--request-timeout", "10",
                 "--concurrency", "4", "--ble-concurrency", "1", "--json"],
                bench.CliOptions with { Timeout = TimeSpan.FromSeconds(90) });

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(3, run.Result.GetProperty("succeeded").GetInt32());
            Assert.Equal(1, bench.BlueZ.MostConnectedAtOnce);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Without_bluez_each_BLE_row_fails_as_the_link_and_the_batch_offers_no_console_fallback()
    {
        await using var bench = await Bench.StartAsync(withBlueZ: false);
        var directory = Directory.CreateTempSubdirectory("esp-prov-ble-batch-");
        try
        {
            var manifest = Path.Combine(directory.FullName, "devices.csv");
            var report = Path.Combine(directory.FullName, "report.jsonl");
            await File.WriteAllLinesAsync(manifest, ["name,service_name", "one,PROV_B1", "two,PROV_B2"], TestContext.Current.CancellationToken);

            var run = await CliRunner.RunAsync(
                ["batch", manifest, "--transport", "ble", "--sec_ver", "0", "--ssid", "OracleNet", "--passphrase", "correct-horse", "--json", "--report", report],
                bench.CliOptions with { Stdin = null, Timeout = TimeSpan.FromSeconds(60) });

            // A batch cannot relay messages by hand: BLE being unavailable is each device's link failure (exit 3), and
            // the advice for one interactive run (--transport console) is not given.
            Assert.True(run.ExitCode == 12, run.ToString());
            var lines = (await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken)).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(2, lines.Count);
            Assert.All(lines, l =>
            {
                Assert.Equal(("failed", "transport", 3), (l.GetProperty("status").GetString(), l.GetProperty("error").GetString(), l.GetProperty("exit_code").GetInt32()));
                Assert.StartsWith("Bluetooth LE is unavailable: ", l.GetProperty("message").GetString(), StringComparison.Ordinal);
            });
            Assert.DoesNotContain("--transport console", run.All, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
