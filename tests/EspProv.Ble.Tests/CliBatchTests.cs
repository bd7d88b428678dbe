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
}
