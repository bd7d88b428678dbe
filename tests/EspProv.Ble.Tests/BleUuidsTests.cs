using EspProv.Ble.BlueZ;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class BleUuidsTests
{
    [Theory]
    [InlineData(BleUuids.ExampleService, 0xFF4F, "021aff4f-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData(BleUuids.ExampleService, 0xFF51, "021aff51-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData(BleUuids.ExampleService, 0xFF54, "021aff54-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData(BleUuids.DefaultService, 0xFF50, "1775ff50-6b43-439b-877c-060f2d9bed07")]
    [InlineData(BleUuids.DefaultService, 0xFF53, "1775ff53-6b43-439b-877c-060f2d9bed07")]
    [InlineData("021A9004-0382-4AEA-BFF4-6B3F1C5ADFB4", 0xFF52, "021aff52-0382-4aea-bff4-6b3f1c5adfb4")]
    public void Characteristic_uuids_follow_the_spec_table(string service, int id, string expected) =>
        Assert.Equal(expected, BleUuids.Characteristic(service, (ushort)id));

    [Fact]
    public void Derivation_is_not_esp_provs_and_formula()
    {
        // esp_prov: svc[0:4] + hex(id & int(svc[4:8], 16)) + svc[8:] gives 021a9000-... for every endpoint.
        Assert.NotEqual("021a9000-0382-4aea-bff4-6b3f1c5adfb4", BleUuids.Characteristic(BleUuids.ExampleService, 0xFF51));
    }

    [Fact]
    public void Derived_uuid_replaces_bytes_12_and_13_of_the_lsb_first_array()
    {
        var service = Guid.Parse(BleUuids.ExampleService);
        var lsbFirst = service.ToByteArray(bigEndian: true).Reverse().ToArray();
        lsbFirst[12] = 0x51;
        lsbFirst[13] = 0xFF;
        var expected = new Guid(lsbFirst.Reverse().ToArray(), bigEndian: true).ToString("D");
        Assert.Equal(expected, BleUuids.Characteristic(BleUuids.ExampleService, 0xFF51));
    }

    [Fact]
    public void Malformed_uuid_is_rejected() =>
        Assert.Throws<ArgumentException>(() => BleUuids.Characteristic("not-a-uuid", 0xFF51));
}
