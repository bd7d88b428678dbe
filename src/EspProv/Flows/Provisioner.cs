using System.Globalization;
using System.Text;
using EspProv.Errors;
using EspProv.Model;
using EspProv.Protocol;
using EspProv.Protocol.WifiProv;
using EspProv.Security;

namespace EspProv.Flows;

/// <summary>
/// A whole provisioning run, in esp_prov's order (spec section 8.2): proto-ver, security selection,
/// version check, session, then reset/reprov, custom data, and Wi-Fi (scan, credentials, apply, status)
/// or Thread (dataset, apply, status). Credentials are sent only after the device proved the session.
/// </summary>
public sealed class Provisioner
{
    private readonly ProvisioningClient _client;
    private readonly IProvisioningPrompts _prompts;

    /// <summary>Creates a run over <paramref name="client"/>.</summary>
    public Provisioner(ProvisioningClient client, IProvisioningPrompts? prompts = null)
    {
        _client = client;
        _prompts = prompts ?? NoPrompts.Instance;
    }

    /// <summary>Reports each step.</summary>
    public event Action<ProvisioningProgress>? Progress;

    /// <summary>Runs the provisioning; throws a <see cref="ProvException"/> subclass on failure.</summary>
    public async Task<ProvisioningResult> RunAsync(ProvisioningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        void OnStatus(ProvisioningProgress progress) => Progress?.Invoke(progress);
        _client.StatusPolled += OnStatus;
        try
        {
            return await RunCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _client.StatusPolled -= OnStatus;
        }
    }

    private async Task<ProvisioningResult> RunCoreAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        var device = await _client.GetDeviceInfoAsync("none", cancellationToken).ConfigureAwait(false);
        Report(ProvisioningStage.DeviceInfo, $"Device: {(device.IsJson ? $"{device.Version}, security {(device.Security is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "?")}, capabilities [{string.Join(", ", device.Capabilities)}]" : $"legacy version '{device.Raw}'")}",
            new Dictionary<string, string> { ["version"] = device.Version ?? device.Raw, ["capabilities"] = string.Join(',', device.Capabilities) });

        var scheme = SelectScheme(request, device);
        if (request.ProtocolVersion is { Length: > 0 } expected)
        {
            if (!device.MatchesVersion(expected))
            {
                throw new ProtocolVersionMismatchException(expected, device.Version ?? device.Raw);
            }

            Report(ProvisioningStage.VersionVerified, $"Protocol version {expected} verified");
        }

        var security = await CreateSecurityAsync(scheme, request, device, cancellationToken).ConfigureAwait(false);
        await _client.EstablishSessionAsync(security, cancellationToken).ConfigureAwait(false);
        Report(ProvisioningStage.SessionEstablished, $"Session established (security {(int)scheme})");
        if (security.ReusesNonce)
        {
            Report(ProvisioningStage.Warning, "This device encrypts every message under one GCM nonce (security 2 patch 0, ESP-IDF v5.0 to v5.4.0): anyone who records two messages can combine them. Update its firmware.",
                new Dictionary<string, string> { ["code"] = "sec2_nonce_reuse" });
        }

        if (request.Reset || request.Reprovision)
        {
            var reset = request.Reset;
            await (device.IsThread
                ? reset ? _client.ResetThreadAsync(cancellationToken) : _client.ReprovisionThreadAsync(cancellationToken)
                : reset ? _client.ResetWifiAsync(cancellationToken) : _client.ReprovisionWifiAsync(cancellationToken)).ConfigureAwait(false);
            var what = reset ? "reset" : "reprov";
            Report(ProvisioningStage.Control, reset ? "Device reset: it accepts new credentials" : "Device back in provisioning mode");
            return new ProvisioningResult { Device = device, Security = scheme, Control = what };
        }

        byte[]? endpointResponse = null;
        if (request.CustomData is { Length: > 0 } customData)
        {
            endpointResponse = await _client.SendEncryptedAsync(Endpoints.CustomData, Encoding.UTF8.GetBytes(customData), cancellationToken).ConfigureAwait(false);
            Report(ProvisioningStage.CustomData, $"Custom data response: {Describe(endpointResponse)}", new Dictionary<string, string> { ["response_hex"] = Convert.ToHexStringLower(endpointResponse) });
        }

        if (request.Endpoint is { Length: > 0 } endpoint)
        {
            endpointResponse = await _client.SendEncryptedAsync(endpoint, request.EndpointData ?? [], cancellationToken).ConfigureAwait(false);
            Report(ProvisioningStage.CustomData, $"{endpoint} response: {Describe(endpointResponse)}", new Dictionary<string, string> { ["response_hex"] = Convert.ToHexStringLower(endpointResponse) });
            return new ProvisioningResult { Device = device, Security = scheme, EndpointResponse = endpointResponse };
        }

        if (device.IsThread)
        {
            var attachment = await ProvisionThreadAsync(request, device, cancellationToken).ConfigureAwait(false);
            return new ProvisioningResult { Device = device, Security = scheme, Thread = attachment, EndpointResponse = endpointResponse };
        }

        var wifi = await ProvisionWifiAsync(request, device, cancellationToken).ConfigureAwait(false);
        return new ProvisioningResult { Device = device, Security = scheme, Wifi = wifi, EndpointResponse = endpointResponse };
    }

    private SecurityVersion SelectScheme(ProvisioningRequest request, DeviceInfo device)
    {
        SecurityVersion scheme;
        if (request.Security is { } explicitScheme)
        {
            if (device.Security is { } announced && announced != explicitScheme)
            {
                if (announced < explicitScheme)
                {
                    throw new SecurityDowngradeException(LevelOf(announced, device), LevelOf(explicitScheme, request));
                }

                throw new SecuritySchemeMismatchException(explicitScheme, announced, $"The device uses security {(int)announced}, but security {(int)explicitScheme} was requested; let the device choose, or request security {(int)announced}.");
            }

            scheme = explicitScheme;
        }
        else if (device.Security is { } fromDevice)
        {
            scheme = fromDevice;
        }
        else if (device.IsJson)
        {
            // IDF 4.4 devices have no sec_ver: esp_prov's rule, no_sec means 0, otherwise 1.
            scheme = device.Has(Capability.NoSec) ? SecurityVersion.Sec0 : SecurityVersion.Sec1;
        }
        else
        {
            throw new MissingInputException("Security capabilities could not be determined: the security scheme must be given explicitly.");
        }

        // proto-ver is unauthenticated, so what the device announces may raise the session above what
        // the credentials call for, never lower it: an impostor would announce security 0 and read the
        // passphrase. An explicitly requested scheme is the caller's floor instead of the credentials'.
        var level = LevelOf(scheme, device);
        var floor = request.Security is { } requested ? LevelOf(requested, request) : CredentialFloor(request);
        if (level < floor && !request.AllowUnauthenticated)
        {
            throw new SecurityDowngradeException(level, floor);
        }

        if (request.Security is null)
        {
            Report(ProvisioningStage.SecuritySelected, $"Security scheme: {(int)scheme}", new Dictionary<string, string> { ["sec_ver"] = ((int)scheme).ToString(CultureInfo.InvariantCulture) });
        }

        if (!level.IsAuthenticated())
        {
            Report(ProvisioningStage.Warning, level == SecurityLevel.Sec0
                ? $"Unauthenticated session (security 0): the device is not verified and the {(device.IsThread ? "Thread dataset travels" : "Wi-Fi credentials travel")} unencrypted."
                : "Unauthenticated session (security 1 without a proof of possession): the device is not verified, anyone in range could stand in for it.",
                new Dictionary<string, string> { ["code"] = "unauthenticated_session" });
        }

        return scheme;
    }

    private static SecurityLevel CredentialFloor(ProvisioningRequest request) =>
        !string.IsNullOrEmpty(request.Sec2Username) || !string.IsNullOrEmpty(request.Sec2Password) ? SecurityLevel.Sec2
        : !string.IsNullOrEmpty(request.ProofOfPossession) ? SecurityLevel.Sec1
        : SecurityLevel.Sec0;

    private static SecurityLevel LevelOf(SecurityVersion scheme, DeviceInfo device) => scheme switch
    {
        SecurityVersion.Sec0 => SecurityLevel.Sec0,
        SecurityVersion.Sec1 => device.Has(Capability.NoPop) ? SecurityLevel.Sec1WithoutPop : SecurityLevel.Sec1,
        _ => SecurityLevel.Sec2,
    };

    // The level an explicitly requested scheme stands for: security 1 with a PoP only if one was given.
    private static SecurityLevel LevelOf(SecurityVersion scheme, ProvisioningRequest request) => scheme switch
    {
        SecurityVersion.Sec0 => SecurityLevel.Sec0,
        SecurityVersion.Sec1 => string.IsNullOrEmpty(request.ProofOfPossession) ? SecurityLevel.Sec1WithoutPop : SecurityLevel.Sec1,
        _ => SecurityLevel.Sec2,
    };

    private async Task<IClientSecurity> CreateSecurityAsync(SecurityVersion scheme, ProvisioningRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        switch (scheme)
        {
            case SecurityVersion.Sec0:
                return new Security0Client();
            case SecurityVersion.Sec1:
                string pop;
                if (device.Has(Capability.NoPop))
                {
                    pop = string.Empty;
                }
                else
                {
                    pop = request.ProofOfPossession is { Length: > 0 } given
                        ? given
                        : await RequireAsync(_prompts.AskSecretAsync("Proof of Possession required: ", cancellationToken), "The device needs a proof of possession: pass --pop.").ConfigureAwait(false);
                }

                return new Security1Client(Encoding.UTF8.GetBytes(pop), request.Random);
            case SecurityVersion.Sec2:
                var username = request.Sec2Username is { Length: > 0 } u
                    ? u
                    : await RequireAsync(_prompts.AskAsync("Security Scheme 2 - SRP6a Username required: ", cancellationToken), "Security 2 needs a username: pass --sec2_username.").ConfigureAwait(false);
                var password = request.Sec2Password is { Length: > 0 } p
                    ? p
                    : await RequireAsync(_prompts.AskSecretAsync("Security Scheme 2 - SRP6a Password required: ", cancellationToken), "Security 2 needs a password: pass --sec2_pwd.").ConfigureAwait(false);
                return new Security2Client(Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(password), request.Random, device.Sec2PatchLevel);
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), "Invalid Security Version");
        }
    }

    private async Task<WifiConnection> ProvisionWifiAsync(ProvisioningRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        var ssid = request.Ssid is { Length: > 0 } given ? given : await ChooseSsidAsync(device, cancellationToken).ConfigureAwait(false);
        var ssidText = SsidCodec.ToText(ssid);
        var passphrase = request.Passphrase
            ?? await RequireAsync(_prompts.AskSecretAsync($"Enter passphrase for {ssidText} : ", cancellationToken), $"No passphrase for '{ssidText}': pass --passphrase (empty for an open network).").ConfigureAwait(false);
        var retriesLeft = request.PassphraseRetries;
        while (true)
        {
            await _client.SetWifiConfigAsync(new WifiCredentials(ssid, Encoding.UTF8.GetBytes(passphrase), request.Bssid, request.Channel), cancellationToken).ConfigureAwait(false);
            Report(ProvisioningStage.ConfigSent, $"Wi-Fi credentials for '{ssidText}' sent", new Dictionary<string, string> { ["ssid"] = ssidText });
            await _client.ApplyWifiConfigAsync(cancellationToken).ConfigureAwait(false);
            Report(ProvisioningStage.ConfigApplied, "Config applied; waiting for the device to connect");
            try
            {
                var connection = await _client.WaitForWifiAsync(request.Polling, cancellationToken).ConfigureAwait(false);
                Report(ProvisioningStage.Done, $"Connected to '{connection.SsidText}' with IP {connection.Ip4}", new Dictionary<string, string> { ["ip4"] = connection.Ip4 });
                return connection;
            }
            catch (WifiConnectionFailedException ex) when (ex.Reason == WifiConnectFailedReason.AuthError && retriesLeft-- > 0)
            {
                Report(ProvisioningStage.Retrying, $"{ex.Message} Retrying ({retriesLeft} retries left).");
                passphrase = await _prompts.AskSecretAsync($"Enter passphrase for {ssidText} : ", cancellationToken).ConfigureAwait(false) ?? passphrase;
                await _client.ResetWifiAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<byte[]> ChooseSsidAsync(DeviceInfo device, CancellationToken cancellationToken)
    {
        if (device.IsJson && !device.Has(Capability.WifiScan))
        {
            throw new UnsupportedCapabilityException(Capability.WifiScan, "Wi-Fi Scan List is not supported by provisioning service: pass --ssid.");
        }

        while (true)
        {
            var accessPoints = await _client.ScanWifiAsync(cancellationToken).ConfigureAwait(false);
            Report(ProvisioningStage.Scanned, $"Scan found {accessPoints.Count} access points", new Dictionary<string, string> { ["count"] = accessPoints.Count.ToString(CultureInfo.InvariantCulture) });
            if (accessPoints.Count == 0)
            {
                throw new MissingInputException("No APs found! Pass --ssid for a hidden network.");
            }

            if (_prompts is NoPrompts)
            {
                throw new MissingInputException("No --ssid given and prompting is off: pass --ssid (see the scan above).");
            }

            var chosen = await _prompts.ChooseAccessPointAsync(accessPoints, cancellationToken).ConfigureAwait(false);
            if (chosen is not null)
            {
                return chosen.Ssid;
            }
        }
    }

    private async Task<ThreadAttachment> ProvisionThreadAsync(ProvisioningRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        var dataset = request.ThreadDataset ?? await ChooseThreadDatasetAsync(device, cancellationToken).ConfigureAwait(false);
        await _client.SetThreadDatasetAsync(dataset, cancellationToken).ConfigureAwait(false);
        Report(ProvisioningStage.ConfigSent, "Thread dataset sent");
        await _client.ApplyThreadAsync(cancellationToken).ConfigureAwait(false);
        Report(ProvisioningStage.ConfigApplied, "Dataset applied; waiting for the device to attach");
        var attachment = await _client.WaitForThreadAsync(request.Polling, cancellationToken).ConfigureAwait(false);
        Report(ProvisioningStage.Done, $"Attached to Thread network '{attachment.NetworkName}' (PAN 0x{attachment.PanId:x4}, channel {attachment.Channel})");
        return attachment;
    }

    private async Task<byte[]> ChooseThreadDatasetAsync(DeviceInfo device, CancellationToken cancellationToken)
    {
        if (!device.Has(Capability.ThreadScan))
        {
            return await AskParsedAsync(ct => _prompts.AskAsync("Enter Thread dataset tlvs string : ", ct), "The device cannot scan for Thread networks: pass --dataset_tlvs.", ThreadDataset.ParseHex, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var networks = await _client.ScanThreadAsync(cancellationToken).ConfigureAwait(false);
            Report(ProvisioningStage.Scanned, $"Thread scan found {networks.Count} networks");
            var chosen = await _prompts.ChooseThreadNetworkAsync(networks, cancellationToken).ConfigureAwait(false);
            if (chosen is null)
            {
                if (_prompts is NoPrompts)
                {
                    throw new MissingInputException("No --dataset_tlvs given and prompting is off.");
                }

                continue;
            }

            return await AskParsedAsync(ct => _prompts.AskSecretAsync("Enter Thread network key string : ", ct), "A Thread network key is needed.", key => ThreadDataset.FromScan(chosen, Convert.FromHexString(key.Trim())), cancellationToken).ConfigureAwait(false);
        }
    }

    // A person mistyping hex is asked again (a few times, so a scripted answer cannot loop forever).
    private async Task<T> AskParsedAsync<T>(Func<CancellationToken, Task<string?>> ask, string missing, Func<string, T> parse, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var text = await RequireAsync(ask(cancellationToken), missing).ConfigureAwait(false);
            try
            {
                return parse(text);
            }
            catch (FormatException ex) when (attempt < 3)
            {
                Report(ProvisioningStage.Retrying, $"{ex.Message} Try again.");
            }
            catch (FormatException ex)
            {
                throw new MissingInputException($"No valid input after {attempt} attempts: {ex.Message}");
            }
        }
    }

    private static async Task<string> RequireAsync(Task<string?> ask, string missing) =>
        await ask.ConfigureAwait(false) ?? throw new MissingInputException(missing);

    private static string Describe(byte[] bytes)
    {
        var printable = bytes.Length > 0 && bytes.All(b => b is >= 0x20 and < 0x7f or 0);
        var text = printable ? Encoding.ASCII.GetString(bytes).Replace("\0", "\\0", StringComparison.Ordinal) : null;
        return text is null ? $"hex {Convert.ToHexStringLower(bytes)}" : $"'{text}' (hex {Convert.ToHexStringLower(bytes)})";
    }

    private void Report(ProvisioningStage stage, string message, IReadOnlyDictionary<string, string>? fields = null) =>
        Progress?.Invoke(new ProvisioningProgress(stage, message, fields));
}
