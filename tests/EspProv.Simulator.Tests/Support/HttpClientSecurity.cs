using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Simulator.Tests.Support;

/// <summary>A provisioning client over <see cref="RawHttpConnection"/>: handshake plus encrypted calls.</summary>
internal sealed class HttpProvClient
{
    private readonly IClientSecurity _security;

    public HttpProvClient(RawHttpConnection connection, IClientSecurity security)
    {
        Connection = connection;
        _security = security;
    }

    public RawHttpConnection Connection { get; set; }

    public async Task EstablishAsync()
    {
        var request = _security.Start();
        while (request is not null)
        {
            var response = await Connection.SendAsync(Endpoints.ProvSession, request) ?? throw new InvalidOperationException("closed during handshake");
            Assert.Equal(200, response.Status);
            request = _security.Continue(response.Body);
        }
    }

    /// <summary>Returns the decrypted plaintext, or null when the device closed the connection.</summary>
    public async Task<string?> SendAsync(string endpoint, byte[] plaintext)
    {
        var response = await Connection.SendAsync(endpoint, _security.Encrypt(plaintext));
        return response is null ? null : Hex.Of(_security.Decrypt(response.Body));
    }
}
