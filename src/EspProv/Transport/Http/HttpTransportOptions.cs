namespace EspProv.Transport.Http;

/// <summary>Settings of <see cref="HttpTransport"/>.</summary>
public sealed record HttpTransportOptions
{
    /// <summary>Where the device listens.</summary>
    public HttpServiceAddress Address { get; init; } = HttpServiceAddress.Default;

    /// <summary>How long one request may take, connect included (esp_prov: 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest response body accepted; a device never sends more than a few KiB.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;
}
