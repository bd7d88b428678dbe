using EspProv.Ble.WinRT;

namespace EspProv.Tests.Transport.Ble;

/// <summary>The WinRT backend's platform-free conversions, compiled into this project from src/EspProv.Ble.WinRT.</summary>
public sealed class WinRtMappingTests
{
    [Theory]
    [InlineData(0x240AC4000001UL, "24:0A:C4:00:00:01")]
    [InlineData(0UL, "00:00:00:00:00:00")]
    [InlineData(0xFFFFFFFFFFFFUL, "FF:FF:FF:FF:FF:FF")]
    public void Addresses_are_written_as_everywhere_else(ulong address, string expected) => Assert.Equal(expected, WinRtMapping.FormatAddress(address));

    [Theory]
    [InlineData("39628656607233", 0x240AC4000001UL)]
    [InlineData("281474976710656", null)]
    [InlineData("/org/bluez/hci0/dev_24_0A_C4_00_00_01", null)]
    [InlineData("", null)]
    [InlineData("-1", null)]
    public void Platform_ids_are_48_bit_addresses(string platformId, ulong? expected) => Assert.Equal(expected, WinRtMapping.ParsePlatformId(platformId));

    [Theory]
    [InlineData(unchecked((int)0x80650005), 0x05)]
    [InlineData(unchecked((int)0x8065000F), 0x0F)]
    [InlineData(unchecked((int)0x80650080), 0x80)]
    [InlineData(unchecked((int)0x80650000), null)]
    [InlineData(unchecked((int)0x80650100), null)]
    [InlineData(unchecked((int)0x8007048F), null)]
    [InlineData(0, null)]
    public void Att_errors_are_read_from_their_hresults(int hresult, int? expected) => Assert.Equal(expected, WinRtMapping.AttErrorFromHResult(hresult));
}
