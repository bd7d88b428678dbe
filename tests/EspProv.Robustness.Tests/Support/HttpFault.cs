namespace EspProv.Robustness.Tests.Support;

/// <summary>What <see cref="HostileHttpServer"/> does instead of answering one request.</summary>
public enum HttpFault
{
    /// <summary>Proxy faithfully to the simulated device.</summary>
    None,

    /// <summary>Read the request and never answer (until the server is disposed).</summary>
    Stall,

    /// <summary>Send the status line and half of the headers, then close.</summary>
    CloseInHeaders,

    /// <summary>Send the headers announcing the whole body, a few bytes of it, then close.</summary>
    CloseInBody,

    /// <summary>Close the socket without any response.</summary>
    CloseSilently,

    /// <summary>A status line that is not HTTP.</summary>
    InvalidStatusLine,

    /// <summary>A header line without a colon.</summary>
    InvalidHeader,

    /// <summary>Chunked encoding whose chunk size is not hexadecimal.</summary>
    InvalidChunkSize,

    /// <summary>Chunked encoding whose chunks add up to more than the client accepts.</summary>
    OversizedChunks,

    /// <summary>Content-Length of 100 GB.</summary>
    HugeContentLength,

    /// <summary>Content-Length: -5.</summary>
    NegativeContentLength,

    /// <summary>10,000 header lines.</summary>
    HeaderFlood,

    /// <summary>One 1 MiB header line.</summary>
    EndlessHeaderLine,

    /// <summary>The genuine body after a 500 status.</summary>
    ServerError,

    /// <summary>The genuine answer, but with a Set-Cookie naming another session, which the proxy then honours.</summary>
    DifferentCookie,

    /// <summary>No Content-Length, 1 MiB of body then close.</summary>
    UnboundedBody,
}
