using System.Text;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Tests.Support;

namespace EspProv.Tests.Protocol;

public sealed class DeviceInfoTests
{
    [Fact]
    public void Parses_the_cjson_reply_of_spec_11_4()
    {
        var info = DeviceInfo.Parse(Hex.Bytes("7b0a092270726f76223a097b0a090922766572223a092276312e31222c0a0909227365635f766572223a09322c0a0909227365635f70617463685f766572223a09312c0a090922636170223a095b22776966695f7363616e225d0a097d0a7d"));
        Assert.True(info.IsJson);
        Assert.Equal("v1.1", info.Version);
        Assert.Equal(SecurityVersion.Sec2, info.Security);
        Assert.Equal(1, info.Sec2PatchLevel);
        Assert.True(info.Has(Capability.WifiScan));
        Assert.False(info.Has("WIFI_SCAN"));
        Assert.True(info.MatchesVersion("V1.1"));
        Assert.False(info.MatchesVersion("v1.2"));
    }

    [Theory]
    [InlineData("V0.1")]
    [InlineData("1.0")]
    [InlineData("{\"my_app\":{\"ver\":\"1\"}}")]
    [InlineData("{\"prov\":[]}")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("{\"prov\":{\"ver\":5,\"sec_ver\":\"x\",\"cap\":{}}}")]
    public void Legacy_or_odd_replies_never_throw(string reply)
    {
        var info = DeviceInfo.Parse(Encoding.UTF8.GetBytes(reply));
        Assert.Null(info.Security);
        Assert.Empty(info.Capabilities);
        Assert.Equal(reply, info.Raw);
    }

    [Fact]
    public void Legacy_plain_version_matches_proto_ver_check()
    {
        var info = DeviceInfo.Parse("V0.1"u8);
        Assert.False(info.IsJson);
        Assert.True(info.MatchesVersion("v0.1"));
    }

    [Fact]
    public void App_info_before_prov_and_thread_caps_are_read()
    {
        var info = DeviceInfo.Parse(Encoding.UTF8.GetBytes("{\"my_app\":{\"ver\":\"1.345\",\"cap\":[\"cloud\"]},\"prov\":{\"ver\":\"netprov-v1.2\",\"sec_ver\":1,\"cap\":[\"no_pop\",\"thread_prov\",\"thread_scan\"]}}"));
        Assert.True(info.IsThread);
        Assert.True(info.Has(Capability.NoPop));
        Assert.Null(info.Sec2PatchLevel);
    }
}
