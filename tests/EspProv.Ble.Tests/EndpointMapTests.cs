using EspProv.Ble.BlueZ;
using EspProv.Ble.Tests.Support;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport.Ble;

namespace EspProv.Ble.Tests;

public sealed class EndpointMapTests
{
    [Fact]
    public async Task Endpoints_come_from_the_user_description_descriptors()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_D", SecurityVersion.Sec0);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_D"), TestContext.Current.CancellationToken);

        Assert.True(transport.EndpointsFromDescriptors);
        Assert.Equal(
            ["custom-data", "proto-ver", "prov-config", "prov-ctrl", "prov-scan", "prov-session"],
            transport.Endpoints.Order(StringComparer.Ordinal));
        Assert.Equal(BleUuids.ExampleService, transport.ServiceUuid);
    }

    [Fact]
    public async Task Without_descriptors_standard_endpoints_are_derived_from_the_service_uuid()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_ND", Bench.Sec(SecurityVersion.Sec0), out var backing, userDescriptions: false);
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_ND"), TestContext.Current.CancellationToken);

        var client = new Security0Client();
        await Bench.HandshakeAsync(transport, client);
        var version = await transport.SendAsync(Endpoints.ProtoVer, "---"u8.ToArray(), TestContext.Current.CancellationToken);
        var missing = await Assert.ThrowsAsync<TransportException>(() => transport.SendAsync(Endpoints.CustomData, "x"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(backing.Device.VersionJson.ToArray(), version);
        Assert.False(transport.EndpointsFromDescriptors);
        Assert.Equal(5, transport.Endpoints.Count);
        Assert.Equal(TransportFailure.UnknownEndpoint, missing.Failure);
        Assert.Equal(Endpoints.CustomData, missing.Endpoint);
    }

    [Fact]
    public async Task Default_service_uuid_is_found_when_the_advertisement_omits_it()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_DEF", SecurityVersion.Sec0, serviceUuid: BleUuids.DefaultService, userDescriptions: false).AdvertiseServiceUuid = false;
        await using var transport = await BleTransport.ConnectAsync(bench.Options("PROV_DEF"), TestContext.Current.CancellationToken);

        var client = new Security0Client();
        await Bench.HandshakeAsync(transport, client);

        Assert.Equal(BleUuids.DefaultService, transport.ServiceUuid);
    }

    [Fact]
    public async Task A_device_without_a_provisioning_service_is_rejected()
    {
        await using var bench = await Bench.StartAsync();
        bench.AddDevice("PROV_ODD", SecurityVersion.Sec0, serviceUuid: "0000180d-0000-1000-8000-00805f9b34fb").AdvertiseServiceUuid = false;

        var error = await Assert.ThrowsAsync<TransportException>(() => BleTransport.ConnectAsync(bench.Options("PROV_ODD"), TestContext.Current.CancellationToken));

        Assert.Equal(TransportFailure.UnknownEndpoint, error.Failure);
        Assert.Contains("Provisioning service not found", error.Message);
    }
}
