using System.Text;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Ble.Tests.Support;

/// <summary>
/// A minimal protocomm dispatcher built from the core's device security halves: prov-session runs the
/// handshake, proto-ver answers canned JSON, prov-config and custom-data echo the decrypted request.
/// </summary>
internal sealed class ProtocommDevice(IDeviceSecurity security) : IProtocommBacking
{
    private readonly object _lock = new();

    public List<uint> Opened { get; } = [];

    public List<uint> Closed { get; } = [];

    public string ProtoVer => $$$"""{"prov":{"ver":"v1.1","sec_ver":{{{(int)security.Version}}},"cap":["wifi_scan"]}}""";

    public Task<byte[]> HandleAsync(string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(endpoint switch
            {
                Endpoints.ProvSession => security.HandleSessionRequest(request.Span),
                Endpoints.ProtoVer => Encoding.UTF8.GetBytes(ProtoVer),
                Endpoints.ProvConfig or Endpoints.CustomData when security.IsEstablished => security.Encrypt(security.Decrypt(request.Span)),
                _ => throw new InvalidOperationException($"Endpoint {endpoint} refused (session established: {security.IsEstablished})."),
            });
        }
    }

    public void OpenSession(uint sessionId)
    {
        lock (_lock)
        {
            security.ResetSession();
            Opened.Add(sessionId);
        }
    }

    public void CloseSession(uint sessionId)
    {
        lock (_lock)
        {
            security.ResetSession();
            Closed.Add(sessionId);
        }
    }
}
