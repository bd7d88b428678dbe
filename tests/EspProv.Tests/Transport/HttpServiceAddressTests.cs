using EspProv.Transport.Http;

namespace EspProv.Tests.Transport;

public sealed class HttpServiceAddressTests
{
    [Theory]
    [InlineData(null, "192.168.4.1", 80)]
    [InlineData("", "192.168.4.1", 80)]
    [InlineData("192.168.4.1", "192.168.4.1", 80)]
    [InlineData("192.168.4.1:8080", "192.168.4.1", 8080)]
    [InlineData("esp.local:81", "esp.local", 81)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("[fe80::1]", "fe80::1", 80)]
    [InlineData("fe80::1", "fe80::1", 80)]
    [InlineData("http://10.0.0.5:90/", "10.0.0.5", 90)]
    public void Parses_host_and_port(string? text, string host, int port)
    {
        var address = HttpServiceAddress.Parse(text);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:http")]
    [InlineData("[::1")]
    public void Rejects_bad_ports_and_brackets(string text) => Assert.Throws<FormatException>(() => HttpServiceAddress.Parse(text));

    [Fact]
    public void Host_header_brackets_ipv6_and_omits_port_80()
    {
        Assert.Equal("[::1]:8080", new HttpServiceAddress("::1", 8080).HostHeader);
        Assert.Equal("192.168.4.1", new HttpServiceAddress("192.168.4.1", 80).HostHeader);
    }
}
