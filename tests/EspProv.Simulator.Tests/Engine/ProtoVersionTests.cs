using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Engine;

public sealed class ProtoVersionTests
{
    [Fact]
    public async Task Sec2_patch1_reply_is_byte_exact_to_spec_11_4()
    {
        using var device = new SimulatedDevice(new DeviceOptions());
        var reply = await device.HandleAsync(Endpoints.ProtoVer, 0, "---"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal(
            "7b0a092270726f76223a097b0a090922766572223a092276312e31222c0a0909227365635f766572223a09322c0a0909227365635f70617463685f766572223a09312c0a090922636170223a095b22776966695f7363616e225d0a097d0a7d",
            Hex.Of(reply));
    }

    [Theory]
    [InlineData(SecurityVersion.Sec0, false, DeviceFlavour.WifiProv, "[\"no_sec\", \"wifi_scan\"]", "v1.1")]
    [InlineData(SecurityVersion.Sec1, true, DeviceFlavour.WifiProv, "[\"no_pop\", \"wifi_scan\"]", "v1.1")]
    [InlineData(SecurityVersion.Sec1, false, DeviceFlavour.NetworkProvWifi, "[\"wifi_prov\", \"wifi_scan\"]", "netprov-v1.2")]
    [InlineData(SecurityVersion.Sec2, false, DeviceFlavour.NetworkProvThread, "[\"thread_prov\", \"thread_scan\"]", "netprov-v1.2")]
    [InlineData(SecurityVersion.Sec0, false, DeviceFlavour.NetworkProvThread, "[\"no_sec\", \"thread_prov\", \"thread_scan\"]", "netprov-v1.2")]
    [InlineData(SecurityVersion.Sec1, true, DeviceFlavour.NetworkProvThread, "[\"no_pop\", \"thread_prov\", \"thread_scan\"]", "netprov-v1.2")]
    public void Capabilities_follow_security_and_flavour(SecurityVersion security, bool noPop, DeviceFlavour flavour, string caps, string ver)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = security, NoPop = noPop, Flavour = flavour });
        var text = System.Text.Encoding.UTF8.GetString(device.VersionJson.Span);
        Assert.Contains("\t\t\"cap\":\t" + caps + "\n", text, StringComparison.Ordinal);
        Assert.Contains($"\"ver\":\t\"{ver}\"", text, StringComparison.Ordinal);
        Assert.Contains($"\"sec_ver\":\t{(int)security},", text, StringComparison.Ordinal);

        // Every scheme reports sec_patch_ver, network_provisioning included; only security 2 has patches.
        Assert.Contains($"\"sec_patch_ver\":\t{(security == SecurityVersion.Sec2 ? 1 : 0)},", text, StringComparison.Ordinal);
    }

    [Fact]
    public void App_info_comes_before_prov_in_cjson_layout()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1, AppInfo = [new AppInfo("my_app", "1.345", ["cloud", "local_ctrl"])] });
        Assert.Equal(
            "{\n\t\"my_app\":\t{\n\t\t\"ver\":\t\"1.345\",\n\t\t\"cap\":\t[\"cloud\", \"local_ctrl\"]\n\t},\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t1,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"wifi_scan\"]\n\t}\n}",
            System.Text.Encoding.UTF8.GetString(device.VersionJson.Span));
    }

    [Fact]
    public async Task Proto_ver_needs_no_session_and_ignores_the_body()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec1 });
        var a = await device.HandleAsync(Endpoints.ProtoVer, 99, "none"u8.ToArray(), TestContext.Current.CancellationToken);
        var b = await device.HandleAsync(Endpoints.ProtoVer, 5, "no_pop"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal(a, b);
    }
}
