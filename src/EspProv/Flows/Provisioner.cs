using System.Text;
using EspProv.Errors;
using EspProv.Model;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Flows;

/// <summary>
/// The operations of a provisioning tool, each in esp_prov's order (spec section 8.2): proto-ver,
/// security selection, version check and the secure session first, then the operation itself —
/// provision a network (Wi-Fi or Thread, whichever the device is), reset, reprovision, call a custom
/// endpoint, or scan. Credentials are sent only after the device proved the session.
/// </summary>
public sealed partial class Provisioner
{
    private readonly ProvisioningClient _client;
    private readonly IProvisioningPrompts _prompts;

    /// <summary>Creates the operations over <paramref name="client"/>; without <paramref name="prompts"/> missing input is an error.</summary>
    public Provisioner(ProvisioningClient client, IProvisioningPrompts? prompts = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _prompts = prompts ?? NoPrompts.Instance;
    }

    /// <summary>Everything that happens during an operation, the client's wire traces and status polls included.</summary>
    public event Action<ProvisioningEvent>? Progress;

    /// <summary>Provisions the network the device is built for: Wi-Fi credentials, or a Thread dataset.</summary>
    public Task<ProvisioningResult> ProvisionAsync(SessionRequest session, ProvisioningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(session, async (opened, ct) =>
        {
            byte[]? customDataResponse = null;
            if (request.CustomData is { Length: > 0 } customData)
            {
                customDataResponse = await CallAsync(Endpoints.CustomData, Encoding.UTF8.GetBytes(customData), ct).ConfigureAwait(false);
            }

            return opened.Device.IsThread
                ? new ProvisioningResult { Device = opened.Device, Security = opened.Security, CustomDataResponse = customDataResponse, Thread = await ProvisionThreadAsync(request, opened.Device, ct).ConfigureAwait(false) }
                : new ProvisioningResult { Device = opened.Device, Security = opened.Security, CustomDataResponse = customDataResponse, Wifi = await ProvisionWifiAsync(request, opened.Device, ct).ConfigureAwait(false) };
        }, cancellationToken);
    }

    /// <summary>prov-ctrl reset: after a failed attempt the device takes new credentials.</summary>
    public Task<ControlResult> ResetAsync(SessionRequest session, CancellationToken cancellationToken = default) =>
        ControlAsync(session, ControlCommand.Reset, cancellationToken);

    /// <summary>prov-ctrl reprov: a device that keeps provisioning running goes back to the start.</summary>
    public Task<ControlResult> ReprovisionAsync(SessionRequest session, CancellationToken cancellationToken = default) =>
        ControlAsync(session, ControlCommand.Reprovision, cancellationToken);

    /// <summary>Sends <paramref name="data"/> encrypted to the custom <paramref name="endpoint"/> and returns its decrypted answer.</summary>
    public Task<EndpointResult> CallEndpointAsync(SessionRequest session, string endpoint, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        return RunAsync(session, async (opened, ct) => new EndpointResult
        {
            Device = opened.Device,
            Security = opened.Security,
            Endpoint = endpoint,
            Response = await CallAsync(endpoint, data, ct).ConfigureAwait(false),
        }, cancellationToken);
    }

    /// <summary>Scans for the networks the device could join: access points, or Thread networks.</summary>
    public Task<ScanResult> ScanAsync(SessionRequest session, CancellationToken cancellationToken = default) =>
        RunAsync(session, async (opened, ct) => opened.Device.IsThread
            ? new ScanResult { Device = opened.Device, Security = opened.Security, ThreadNetworks = await ScanThreadAsync(opened.Device, ct).ConfigureAwait(false) }
            : new ScanResult { Device = opened.Device, Security = opened.Security, AccessPoints = await ScanWifiAsync(opened.Device, ct).ConfigureAwait(false) },
            cancellationToken);

    private Task<ControlResult> ControlAsync(SessionRequest session, ControlCommand command, CancellationToken cancellationToken) =>
        RunAsync(session, async (opened, ct) =>
        {
            var thread = opened.Device.IsThread;
            await (command == ControlCommand.Reset
                ? thread ? _client.ResetThreadAsync(ct) : _client.ResetWifiAsync(ct)
                : thread ? _client.ReprovisionThreadAsync(ct) : _client.ReprovisionWifiAsync(ct)).ConfigureAwait(false);
            Report(new ControlDone(command));
            return new ControlResult { Device = opened.Device, Security = opened.Security, Command = command };
        }, cancellationToken);

    private async Task<T> RunAsync<T>(SessionRequest session, Func<OpenedSession, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        _client.Progress += Report;
        try
        {
            var opened = await OpenSessionAsync(session, cancellationToken).ConfigureAwait(false);
            return await operation(opened, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _client.Progress -= Report;
        }
    }

    private async Task<OpenedSession> OpenSessionAsync(SessionRequest request, CancellationToken cancellationToken)
    {
        var device = await _client.GetDeviceInfoAsync("none", cancellationToken).ConfigureAwait(false);
        Report(new DeviceInfoRead(device));

        var (scheme, level) = SecuritySelection.Choose(request, device);
        if (request.Security is null)
        {
            Report(new SecuritySelected(scheme));
        }

        if (!level.IsAuthenticated())
        {
            Report(new SecurityWarning(SecurityWarningKind.UnauthenticatedSession, level, device.IsThread));
        }

        if (request.ProtocolVersion is { Length: > 0 } expected)
        {
            if (!device.MatchesVersion(expected))
            {
                throw new ProtocolVersionMismatchException(expected, device.Version ?? device.Raw);
            }

            Report(new VersionVerified(expected));
        }

        var security = await CreateSecurityAsync(scheme, request, device, cancellationToken).ConfigureAwait(false);
        await _client.EstablishSessionAsync(security, cancellationToken).ConfigureAwait(false);
        Report(new SessionEstablished(scheme));
        if (security.ReusesNonce)
        {
            Report(new SecurityWarning(SecurityWarningKind.NonceReuse, level, device.IsThread));
        }

        return new OpenedSession(device, scheme);
    }

    private async Task<IClientSecurity> CreateSecurityAsync(SecurityVersion scheme, SessionRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        switch (scheme)
        {
            case SecurityVersion.Sec0:
                return new Security0Client();
            case SecurityVersion.Sec1:
                var pop = device.Has(Capability.NoPop)
                    ? string.Empty
                    : request.ProofOfPossession is { Length: > 0 } given
                        ? given
                        : await RequireAsync(_prompts.AskProofOfPossessionAsync, MissingInput.ProofOfPossession, "The device needs a proof of possession and none was given.", cancellationToken).ConfigureAwait(false);
                return new Security1Client(Encoding.UTF8.GetBytes(pop), request.Random);
            case SecurityVersion.Sec2:
                // ESP-IDF's security 2 examples print their password as "pop" (and the phone apps send it as such),
                // so a PoP given for a device that turned out to be security 2 is its password.
                var popAsPassword = request.Sec2Password is not { Length: > 0 } && request.ProofOfPossession is { Length: > 0 };
                var username = request.Sec2Username is { Length: > 0 } u
                    ? u
                    : await RequireAsync(_prompts.AskSec2UsernameAsync, MissingInput.Sec2Username, popAsPassword
                        ? "Security 2 needs a username and none was given (the proof of possession given serves as the security 2 password)."
                        : "Security 2 needs a username and none was given.", cancellationToken).ConfigureAwait(false);
                var password = request.Sec2Password is { Length: > 0 } p ? p
                    : popAsPassword ? request.ProofOfPossession!
                    : await RequireAsync(_prompts.AskSec2PasswordAsync, MissingInput.Sec2Password, "Security 2 needs a password and none was given.", cancellationToken).ConfigureAwait(false);
                return new Security2Client(Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(password), request.Random, device.Sec2PatchLevel);
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), "Invalid Security Version");
        }
    }

    private async Task<byte[]> CallAsync(string endpoint, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var response = await _client.SendEncryptedAsync(endpoint, data, cancellationToken).ConfigureAwait(false);
        Report(new EndpointAnswered(endpoint, response));
        return response;
    }

    private async Task<string> RequireAsync(Func<CancellationToken, Task<string?>> ask, MissingInput what, string missing, CancellationToken cancellationToken)
    {
        // Without anyone to answer nothing is asked: unattended runs fail at once.
        var answer = _prompts.CanPrompt ? await ask(cancellationToken).ConfigureAwait(false) : null;

        // An empty answer is no credential (it would make a PoP-less, unauthenticated key); only a
        // passphrase may be empty, for an open network.
        return answer is { Length: > 0 } || (answer is not null && what == MissingInput.Passphrase) ? answer : throw new MissingInputException(what, missing);
    }

    // A person mistyping hex is asked again (a few times, so a scripted answer cannot loop forever).
    private async Task<T> AskParsedAsync<T>(Func<CancellationToken, Task<string?>> ask, MissingInput what, string missing, Func<string, T> parse, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var text = await RequireAsync(ask, what, missing, cancellationToken).ConfigureAwait(false);
            try
            {
                return parse(text);
            }
            catch (FormatException ex) when (attempt < 3)
            {
                Report(new Retrying($"{ex.Message} Try again."));
            }
            catch (FormatException ex)
            {
                throw new MissingInputException(what, $"No valid input after {attempt} attempts: {ex.Message}");
            }
        }
    }

    private void Report(ProvisioningEvent progress) => Progress?.Invoke(progress);

    private sealed record OpenedSession(DeviceInfo Device, SecurityVersion Security);
}
