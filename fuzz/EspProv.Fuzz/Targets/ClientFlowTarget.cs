using EspProv.Errors;
using EspProv.Flows;
using EspProv.Security;

namespace EspProv.Fuzz.Targets;

/// <summary>
/// The client's application decoders (WiFiConfigPayload, WiFiScanPayload, ctrl, Thread) reached through
/// <see cref="ProvisioningClient"/>/<see cref="Provisioner"/> in security 0, so the replies are the
/// plaintext the decoders see. Input: one mode byte, then the scripted replies (see <see cref="Chunks"/>).
/// </summary>
public static class ClientFlowTarget
{
    public const int Modes = 7;

    private static readonly StatusPolling FastPolling = new()
    {
        Interval = TimeSpan.Zero,
        MaxInterval = TimeSpan.Zero,
        Timeout = TimeSpan.FromSeconds(5),
        TransportRetries = 2,
    };

    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var mode = data[0] % Modes;
        var transport = new ScriptedTransport(Chunks.Split(data[1..]));
        try
        {
            RunAsync(mode, transport).GetAwaiter().GetResult();
        }
        catch (ProvException)
        {
        }
    }

    private static async Task RunAsync(int mode, ScriptedTransport transport)
    {
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        var session = new SessionRequest { Security = SecurityVersion.Sec0 };
        var provisioner = new Provisioner(client);
        var request = new ProvisioningRequest
        {
            Ssid = "FuzzNet"u8.ToArray(),
            Passphrase = "fuzzpass",
            Polling = FastPolling,
        };
        switch (mode)
        {
            case 0:
                await provisioner.ProvisionAsync(session, request);
                break;
            case 1:
                await provisioner.ProvisionAsync(session, request with { Ssid = null });
                break;
            case 2:
                await provisioner.ResetAsync(session);
                break;
            case 3:
                await provisioner.ReprovisionAsync(session);
                break;
            case 4:
                await provisioner.ProvisionAsync(session, request with { ThreadDataset = [0x0e, 0x08, 0, 0, 0, 0, 0, 1, 0, 0] });
                break;
            case 5:
                await provisioner.ProvisionAsync(session, request with { CustomData = "hello" });
                break;
            default:
                await client.EstablishSessionAsync(new Security0Client());
                _ = await client.ScanWifiAsync();
                _ = await client.ScanThreadAsync();
                _ = await client.GetWifiStatusAsync();
                break;
        }
    }
}
