using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

public sealed class BleAttErrorsTests
{
    [Theory]
    [InlineData(0x04, "ATT error: 0x04 (Invalid PDU)")]
    [InlineData(0x05, "ATT error: 0x05 (Insufficient Authentication)")]
    [InlineData(0x0F, "ATT error: 0x0f (Insufficient Encryption)")]
    [InlineData(0x80, "ATT error: 0x80 (Application Error)")]
    [InlineData(0x7F, "ATT error: 0x7f")]
    public void Codes_are_named(int code, string expected) => Assert.Equal(expected, BleAttErrors.Describe((byte)code));

    [Theory]
    [InlineData(0x05, true)]
    [InlineData(0x0F, true)]
    [InlineData(0x04, false)]
    [InlineData(0x08, false)]
    [InlineData(0x0E, false)]
    public void Only_authentication_and_encryption_demand_pairing(int code, bool demands) => Assert.Equal(demands, BleAttErrors.DemandsPairing((byte)code));
}
