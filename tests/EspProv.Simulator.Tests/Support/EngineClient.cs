using EspProv.Crypto;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Simulator.Tests.Support;

/// <summary>The core's client half talking to a <see cref="SimulatedDevice"/> directly (no transport).</summary>
internal sealed class EngineClient
{
    private readonly SimulatedDevice _device;
    private readonly IClientSecurity _security;
    private readonly Task _opened;

    public EngineClient(SimulatedDevice device, IClientSecurity security, uint sessionId = 7, bool open = true)
    {
        _device = device;
        _security = security;
        SessionId = sessionId;
        // Started here so that it takes the device's next turn, before anything this client sends.
        _opened = open ? device.OpenSessionAsync(sessionId, TestContext.Current.CancellationToken) : Task.CompletedTask;
    }

    public uint SessionId { get; }

    public static IClientSecurity ClientFor(DeviceOptions options, string? pop = null, string? password = null, IRandomSource? random = null) => options.Security switch
    {
        SecurityVersion.Sec0 => new Security0Client(),
        SecurityVersion.Sec1 => new Security1Client(System.Text.Encoding.UTF8.GetBytes(pop ?? (options.RunsWithoutPop ? string.Empty : options.Pop!)), random),
        _ => new Security2Client(System.Text.Encoding.UTF8.GetBytes(options.Sec2Username), System.Text.Encoding.UTF8.GetBytes(password ?? options.Sec2Password), random),
    };

    public static async Task<EngineClient> ConnectAsync(SimulatedDevice device, uint sessionId = 7)
    {
        var client = new EngineClient(device, ClientFor(device.Options), sessionId);
        await client.EstablishAsync();
        return client;
    }

    public async Task EstablishAsync()
    {
        await _opened;
        var request = _security.Start();
        while (request is not null)
        {
            var response = await _device.HandleAsync(Endpoints.ProvSession, SessionId, request, TestContext.Current.CancellationToken);
            request = _security.Continue(response);
        }
    }

    public async Task<byte[]> SendAsync(string endpoint, byte[] plaintext)
    {
        await _opened;
        var response = await _device.HandleAsync(endpoint, SessionId, _security.Encrypt(plaintext), TestContext.Current.CancellationToken);
        return _security.Decrypt(response);
    }

    public async Task<string> SendHexAsync(string endpoint, byte[] plaintext) => Hex.Of(await SendAsync(endpoint, plaintext));

    public Task<string> ConfigAsync(byte[] plaintext) => SendHexAsync(Endpoints.ProvConfig, plaintext);

    public Task<string> ScanAsync(byte[] plaintext) => SendHexAsync(Endpoints.ProvScan, plaintext);

    public Task<string> CtrlAsync(byte[] plaintext) => SendHexAsync(Endpoints.ProvCtrl, plaintext);
}
