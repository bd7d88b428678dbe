using System.Globalization;
using EspProv.Errors;

namespace EspProv.Transport.Console;

/// <summary>
/// The console transport of esp_prov (spec section 6.3): every request is printed as
/// <c>Client->Device msg : &lt;endpoint&gt; 0 &lt;hex&gt;</c>, then <c>Enter device->client msg : </c>
/// asks for the device's hex answer. A person relays the lines to the device's UART console, or a pipe
/// connects it to <c>esp-prov device --transport console</c>.
/// </summary>
public sealed class ConsoleTransport : IProvTransport
{
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the transport over the given reader and writer (usually stdin and stdout).</summary>
    /// <param name="input">Where the device's hex answers come from.</param>
    /// <param name="output">Where the requests and prompts go.</param>
    /// <param name="timeout">How long to wait for one answer; infinite by default, since a person may be typing.</param>
    public ConsoleTransport(TextReader input, TextWriter output, TimeSpan? timeout = null)
    {
        _input = input;
        _output = output;
        _timeout = timeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <inheritdoc />
    public TransportKind Kind => TransportKind.Console;

    /// <summary>The session id written in every request line; esp_prov always uses 0.</summary>
    public uint SessionId { get; init; }

    /// <inheritdoc />
    public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _output.WriteLineAsync($"Client->Device msg : {endpoint} {SessionId.ToString(CultureInfo.InvariantCulture)} {Convert.ToHexStringLower(request.Span)}").ConfigureAwait(false);
            await _output.WriteAsync("Enter device->client msg : ").ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            while (true)
            {
                string? line;
                try
                {
                    line = await _input.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransportException(TransportFailure.Timeout, $"No answer to {endpoint} within {_timeout.TotalSeconds:0.#} s.") { Endpoint = endpoint };
                }

                if (line is null)
                {
                    throw new TransportException(TransportFailure.ClosedWithoutResponse, $"The console input ended before the device answered {endpoint}.") { Endpoint = endpoint };
                }

                // The device prints CR LF around its answer and a '>> ' prompt; only a hex line is an answer.
                var text = line.Trim();
                if (text.StartsWith(">>", StringComparison.Ordinal))
                {
                    text = text[2..].Trim();
                }

                if (text.Length == 0)
                {
                    continue;
                }

                // ESP-IDF log lines share the UART: an error line means the request was refused,
                // other levels are just chatter.
                if (text.StartsWith("E (", StringComparison.Ordinal))
                {
                    throw new TransportException(TransportFailure.ClosedWithoutResponse, $"The device rejected the {endpoint} request ({text}).") { Endpoint = endpoint };
                }

                if (text.Length > 2 && text[1] == ' ' && text[2] == '(' && text[0] is 'W' or 'I' or 'D' or 'V')
                {
                    continue;
                }

                try
                {
                    return Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));
                }
                catch (FormatException ex)
                {
                    throw new TransportException(TransportFailure.InvalidResponse, $"The answer to {endpoint} is not hexadecimal.", ex) { Endpoint = endpoint };
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
