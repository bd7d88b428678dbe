using EspProv.Protocol;
using EspProv.Security;
using EspProv.Simulator.Tests.Support;

namespace EspProv.Simulator.Tests.Engine;

public sealed class CtrlTests
{
    private static async Task<string> Send(SimulatedDevice device, string endpoint, byte[] request) =>
        Hex.Of(await device.HandleAsync(endpoint, 0, request, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Reset_is_refused_unless_the_connection_failed()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0, Fail = FailureMode.Auth, ConnectAfterPolls = 1 });
        Assert.Equal("080210056200", await Send(device, Endpoints.ProvCtrl, Messages.CtrlReset));
        await Send(device, Endpoints.ProvConfig, Messages.SetConfig("OracleNet", "badpass"));
        await Send(device, Endpoints.ProvConfig, Messages.ApplyConfig);
        Assert.Equal("080210056200", await Send(device, Endpoints.ProvCtrl, Messages.CtrlReset));
        Assert.Equal("08015a0410035000", await Send(device, Endpoints.ProvConfig, Messages.GetStatus));
        Assert.Equal("08026200", await Send(device, Endpoints.ProvCtrl, Messages.CtrlReset));
        Assert.Null(device.Snapshot.AppliedCredentials);
        Assert.Equal("08015a021001", await Send(device, Endpoints.ProvConfig, Messages.GetStatus));
        await Send(device, Endpoints.ProvConfig, Messages.SetConfig("OracleNet", "goodpass"));
        Assert.Equal("08057a00", await Send(device, Endpoints.ProvConfig, Messages.ApplyConfig));
    }

    [Fact]
    public async Task Network_prov_also_resets_from_started()
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0, Flavour = DeviceFlavour.NetworkProvWifi });
        Assert.Equal("08026200", await Send(device, Endpoints.ProvCtrl, Messages.CtrlReset));
    }

    [Fact]
    public async Task Reprov_needs_auto_stop_disabled()
    {
        using var stops = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0 });
        Assert.Equal("080410057200", await Send(stops, Endpoints.ProvCtrl, Messages.CtrlReprov));
        using var keeps = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0, NoAutoStop = true, ConnectAfterPolls = 1 });
        await Send(keeps, Endpoints.ProvConfig, Messages.SetConfig("OracleNet", "secretpass"));
        await Send(keeps, Endpoints.ProvConfig, Messages.ApplyConfig);
        await Send(keeps, Endpoints.ProvConfig, Messages.GetStatus);
        Assert.Equal("08047200", await Send(keeps, Endpoints.ProvCtrl, Messages.CtrlReprov));
        Assert.Equal(ManagerState.Started, keeps.Snapshot.Manager);
        await Send(keeps, Endpoints.ProvConfig, Messages.SetConfig("CoffeeShop", "latte"));
        Assert.Equal("08057a00", await Send(keeps, Endpoints.ProvConfig, Messages.ApplyConfig));
        Assert.Equal(2, keeps.Snapshot.AppliedCount);
    }

    [Theory]
    [InlineData("0800")]
    [InlineData("0802")]
    [InlineData("0805")]
    public async Task Reserved_and_unknown_ctrl_commands_fail(string hex)
    {
        using var device = new SimulatedDevice(new DeviceOptions { Security = SecurityVersion.Sec0 });
        var failure = await Assert.ThrowsAsync<DeviceRequestFailedException>(() => device.HandleAsync(Endpoints.ProvCtrl, 0, Hex.Bytes(hex), TestContext.Current.CancellationToken));
        Assert.Equal(DeviceFailureReason.UnknownCommand, failure.Reason);
    }
}
