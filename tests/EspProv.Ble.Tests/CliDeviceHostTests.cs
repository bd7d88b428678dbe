using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

/// <summary>
/// <c>esp-prov device --transport ble</c> in one child process registers its GATT application and advertisement
/// with the fake BlueZ; a second child process (the CLI client) finds it and provisions it.
/// </summary>
public sealed class CliDeviceHostTests
{
    private static async Task<(CliProcess Device, FakeDevice Advertised)> StartDeviceAsync(Bench bench, params string[] more)
    {
        var device = CliRunner.Start(["device", "--transport", "ble", "--service-name", "PROV_TESTBLE", "--lifetime", "30", .. more], bench.CliOptions);
        try
        {
            var advertised = await bench.BlueZ.AdvertisementRegistered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            return (device, advertised);
        }
        catch (TimeoutException)
        {
            device.Kill();
            Assert.Fail($"The device process registered no advertisement within 30 s.\n{device.StderrSoFar}");
            throw;
        }
    }

    [Fact]
    public async Task Simulated_ble_device_process_is_provisioned_by_the_cli_client_process()
    {
        await using var bench = await Bench.StartAsync();
        var (device, advertised) = await StartDeviceAsync(bench, "--sec-ver", "1");
        await using (device)
        {
            var run = await CliRunner.RunAsync(CliArgs.Provision("PROV_TESTBLE", "--sec_ver", "1", "--pop", "abcd1234"), bench.CliOptions);

            run.AssertSuccess();
            Assert.Equal(1, run.Result.GetProperty("security").GetInt32());
            Assert.Equal("192.168.1.123", run.Result.GetProperty("ip4").GetString());
            Assert.Equal("PROV_TESTBLE", advertised.Name);
            Assert.Equal(BleUuids.ExampleService, advertised.Gatt.ServiceUuid);
            Assert.Contains("custom-data", advertised.Gatt.Characteristics.Select(c => c.Description));
            var log = device.StderrSoFar;
            Assert.Contains("==== Simulated device PROV_TESTBLE ====", log);
            Assert.Contains("PROV_TESTBLE prov-session session=1: handshake step (Sec1) -> session established", log);
            Assert.Contains("PROV_TESTBLE prov-config session=1: SetConfig", log);
        }
    }

    [Fact]
    public async Task Simulated_ble_device_process_is_discovered_by_the_cli()
    {
        await using var bench = await Bench.StartAsync();
        var (device, _) = await StartDeviceAsync(bench, "--sec-ver", "2");
        await using (device)
        {
            var run = await CliRunner.RunAsync(["discover", "--prefix", "PROV_TEST", "--timeout", "1", "--json"], bench.CliOptions);

            Assert.True(run.ExitCode == 0, run.ToString());
            var found = Assert.Single(run.JsonLines);
            Assert.Equal("PROV_TESTBLE", found.GetProperty("name").GetString());
            Assert.Equal(BleUuids.ExampleService, found.GetProperty("service_uuids")[0].GetString());
        }
    }
}
