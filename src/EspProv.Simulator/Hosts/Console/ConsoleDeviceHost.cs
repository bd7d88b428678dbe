using System.Globalization;

namespace EspProv.Simulator.Hosts.Console;

/// <summary>
/// The protocomm console transport (spec section 6.3): each input line is
/// <c>&lt;endpoint&gt; &lt;session_id&gt; &lt;hex&gt;</c>; a changed session id opens a new session; a
/// successful request writes one line of lowercase hex. A refused request writes nothing, as the
/// device does, apart from the error log line ESP-IDF prints on the same UART
/// (<c>E (&lt;ms&gt;) protocomm_console: …</c>), which lets a piped client fail fast instead of waiting.
/// The output carries only protocol lines (no prompt, no echo, no blank lines: the device's
/// surrounding CR LF pair is reduced to one newline after the hex); diagnostics go to the log.
/// Lines relayed verbatim from esp_prov (<c>Client->Device msg : &lt;endpoint&gt; 0 &lt;hex&gt;</c>, possibly
/// behind its <c>Enter device->client msg : </c> prompt) are accepted too, so the two can be piped together.
/// Unlike the device's 256-byte line buffer there is no length limit, so security 2 works too.
/// </summary>
public sealed class ConsoleDeviceHost
{
    private readonly SimulatedDevice _device;
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly Action<string>? _log;
    private uint? _lastSession;

    /// <summary>Creates the host.</summary>
    /// <param name="device">The device served.</param>
    /// <param name="input">Request lines (stdin).</param>
    /// <param name="output">Response lines (stdout); nothing else is written here.</param>
    /// <param name="log">Diagnostics such as unknown commands (stderr); null = silent.</param>
    public ConsoleDeviceHost(SimulatedDevice device, TextReader input, TextWriter output, Action<string>? log = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _log = log;
    }

    /// <summary>Serves lines until the input ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (await _input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var response = await HandleLineAsync(line, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                await _output.WriteAsync(response.AsMemory(), cancellationToken).ConfigureAwait(false);
                await _output.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Handles one line; returns the response hex, an <c>E (…)</c> error log line, or null when the device prints nothing.</summary>
    public async Task<string?> HandleLineAsync(string line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        const string relayPrefix = "Client->Device msg :";
        var relayed = line.LastIndexOf(relayPrefix, StringComparison.Ordinal);
        if (relayed >= 0)
        {
            line = line[(relayed + relayPrefix.Length)..];
        }

        var args = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        // A client that is done leaves its last prompt unanswered and without a newline.
        if (args.Length == 0 || line.Trim() == "Enter device->client msg :")
        {
            return null;
        }

        if (!_device.HasEndpoint(args[0]))
        {
            _log?.Invoke($"console: unrecognized command '{Truncate(args[0])}'");
            return null;
        }

        if (_device.IsStopped)
        {
            _log?.Invoke($"console: {Truncate(args[0])} refused: provisioning has stopped");
            return null;
        }

        if (args.Length != 3 || ParseHex(args[2]) is not { } request)
        {
            _log?.Invoke($"console: usage is '{args[0]} <session_id> <hex>'");
            return null;
        }

        var sessionId = Atoi(args[1]);
        using var turn = await _device.TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        if (_lastSession != sessionId)
        {
            turn.OpenSession(sessionId);
            _lastSession = sessionId;
        }

        try
        {
            var response = await turn.HandleAsync(args[0], sessionId, request, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(response);
        }
        catch (DeviceRequestFailedException ex)
        {
            _log?.Invoke($"console: {args[0]} refused: {ex.Message}");
            return $"E ({Environment.TickCount64 % 1_000_000}) protocomm_console: {args[0]} request failed";
        }
    }

    // C atoi: optional sign and leading digits, anything after them ignored, no digits = 0.
    private static uint Atoi(string text)
    {
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        long value = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && value <= uint.MaxValue)
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return unchecked((uint)(negative ? -value : value));
    }

    // sscanf("%2hhx") per byte pair: an odd trailing digit is ignored, a non-hex pair ends the parse.
    private static byte[]? ParseHex(string hex)
    {
        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(hex.AsSpan(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }

        return bytes;
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
