using EspProv.Flows;
using EspProv.Transport.Http;

namespace EspProv.Cli.Tests.Samples;

/// <summary>
/// The README's "Library" sample, compiled here and run against a simulated device. The lines between
/// the markers must be the README's code block (after its usings) exactly: ReadmeSampleTests compares them.
/// </summary>
internal static class ReadmeSample
{
    public static async Task<ProvisioningResult> RunAsync(string address, TextWriter Console)
    {
        // README:begin
        await using var transport = new HttpTransport(new HttpTransportOptions { Address = HttpServiceAddress.Parse(address) });
        await using var client = new ProvisioningClient(transport);
        var provisioner = new Provisioner(client);              // no prompts: missing input throws
        provisioner.Progress += e => Console.WriteLine(e.Message);
        var session = new SessionRequest { Sec2Username = "wifiprov", Sec2Password = "abcd1234" };
        var result = await provisioner.ProvisionAsync(session, new ProvisioningRequest
        {
            Ssid = "MyNetwork"u8.ToArray(),
            Passphrase = "secret",
        });
        Console.WriteLine($"Device IP: {result.Wifi!.Ip4}");
        // README:end
        return result;
    }
}
