namespace EspProv.Transport;

/// <summary>
/// A link to one device. One call to <see cref="SendAsync"/> is one protocomm transaction: the whole
/// request goes to the named endpoint and the whole response comes back. Implementations serialise
/// concurrent calls and report failures as <see cref="Errors.TransportException"/>.
/// </summary>
public interface IProvTransport : IAsyncDisposable
{
    /// <summary>What kind of link this is; the provisioning flow applies esp_prov's per-transport rules by it.</summary>
    TransportKind Kind { get; }

    /// <summary>Sends <paramref name="request"/> to <paramref name="endpoint"/> and returns the device's response.</summary>
    Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default);
}
