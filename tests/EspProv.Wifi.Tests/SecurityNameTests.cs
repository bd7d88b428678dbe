using EspProv.Wifi.NetworkManager.Internal;

namespace EspProv.Wifi.Tests;

/// <summary>NetworkManager's AP flags (Flags, WpaFlags, RsnFlags) as the security column of <c>discover --softap</c>.</summary>
public sealed class SecurityNameTests
{
    [Theory]
    [InlineData(0u, 0u, 0u, "open")]
    [InlineData(1u, 0u, 0u, "WEP")]
    [InlineData(1u, 0x108u, 0u, "WPA-PSK")]
    [InlineData(1u, 0u, 0x188u, "WPA2-PSK")]
    [InlineData(1u, 0x108u, 0x188u, "WPA/WPA2-PSK")]
    [InlineData(1u, 0u, 0x588u, "WPA2/WPA3-PSK")]
    [InlineData(1u, 0u, 0x488u, "WPA3-SAE")]
    [InlineData(1u, 0u, 0x288u, "WPA-EAP")]
    [InlineData(0u, 0u, 0x800u, "OWE")]
    public void Names_the_security_from_the_flags(uint flags, uint wpa, uint rsn, string expected)
    {
        var properties = new PropertyMap
        {
            ["Flags"] = VariantValue.UInt32(flags),
            ["WpaFlags"] = VariantValue.UInt32(wpa),
            ["RsnFlags"] = VariantValue.UInt32(rsn),
        };

        Assert.Equal(expected, AccessPoints.Security(properties));
    }
}
