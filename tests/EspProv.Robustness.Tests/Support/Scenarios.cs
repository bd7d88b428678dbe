using EspProv.Flows;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport;

namespace EspProv.Robustness.Tests.Support;

/// <summary>Client runs that the hostile matrices break at every step: a whole Wi-Fi provisioning, a scan, a prov-ctrl command.</summary>
internal static class Scenarios
{
    public const string Pop = "abcd1234";
    public const string Username = "wifiprov";
    public const string Password = "abcd1234";
    public const string Ssid = "MatrixNet";
    public const string Passphrase = "matrix-passphrase";

    public static readonly string[] Names = ["wifi", "scan", "ctrl"];

    /// <summary>The CLI arguments of a softAP run against <paramref name="port"/> on loopback.</summary>
    public static List<string> SoftAp(int port, params string[] more) =>
        ["--transport", "softap", "--service_name", $"127.0.0.1:{port}", "--non-interactive", "--poll-interval", "0.05", .. more];

    public static DeviceOptions Device(SecurityVersion security) => new()
    {
        Security = security,
        Pop = Pop,
        Sec2Username = Username,
        Sec2Password = Password,
        ConnectAfterPolls = 1,
        NoAutoStop = true,
        CleanupDelay = TimeSpan.Zero,
    };

    public static SessionRequest Session(SecurityVersion security) => new()
    {
        Security = security,
        ProofOfPossession = Pop,
        Sec2Username = Username,
        Sec2Password = Password,
    };

    public static ProvisioningRequest Request() => new()
    {
        Ssid = System.Text.Encoding.UTF8.GetBytes(Ssid),
        Passphrase = Passphrase,
        Polling = new StatusPolling { Interval = TimeSpan.FromMilliseconds(1), MaxInterval = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(5), TransportRetries = 1 },
    };

    public static IClientSecurity Security(SecurityVersion security) => security switch
    {
        SecurityVersion.Sec0 => new Security0Client(),
        SecurityVersion.Sec1 => new Security1Client(System.Text.Encoding.UTF8.GetBytes(Pop)),
        _ => new Security2Client(System.Text.Encoding.UTF8.GetBytes(Username), System.Text.Encoding.UTF8.GetBytes(Password)),
    };

    /// <summary>Runs scenario <paramref name="name"/> over <paramref name="transport"/>.</summary>
    public static async Task RunAsync(string name, SecurityVersion security, IProvTransport transport, CancellationToken cancellationToken)
    {
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        switch (name)
        {
            case "wifi":
                await new Provisioner(client).ProvisionAsync(Session(security), Request(), cancellationToken);
                break;
            case "scan":
                await client.GetDeviceInfoAsync(cancellationToken: cancellationToken);
                await client.EstablishSessionAsync(Security(security), cancellationToken);
                await client.ScanWifiAsync(cancellationToken);
                break;
            case "ctrl":
                await client.GetDeviceInfoAsync(cancellationToken: cancellationToken);
                await client.EstablishSessionAsync(Security(security), cancellationToken);
                await client.ReprovisionWifiAsync(cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name));
        }
    }
}
