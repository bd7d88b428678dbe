using System.Text;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>Options and handshakes for <see cref="BleTransport"/> tests on a <see cref="FakeBleCentral"/>.</summary>
internal static class FakeBench
{
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    public static BleTransportOptions Options(FakeBleCentral central, string name) => new()
    {
        Central = central,
        Device = new BleDeviceFilter { Name = name },
        ScanTimeout = Patience,
        ConnectTimeout = Patience,
        RequestTimeout = Patience,
    };

    public static Task<BleTransport> ConnectAsync(FakeBleCentral central, string name) =>
        BleTransport.ConnectAsync(Options(central, name), TestContext.Current.CancellationToken);

    public static async Task<Security0Client> HandshakeAsync(BleTransport transport)
    {
        var client = new Security0Client();
        var request = client.Start();
        while (request is not null)
        {
            request = client.Continue(await transport.SendAsync(Endpoints.ProvSession, request, TestContext.Current.CancellationToken));
        }

        Assert.True(client.IsEstablished);
        return client;
    }

    /// <summary>Sends <paramref name="length"/> bytes to the echoing custom-data endpoint and checks they come back whole.</summary>
    public static async Task AssertEchoAsync(BleTransport transport, IClientSecurity client, int length)
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26)))));
        var response = await transport.SendAsync(Endpoints.CustomData, client.Encrypt(message), TestContext.Current.CancellationToken);
        Assert.Equal(message, client.Decrypt(response));
    }
}
