using EspProv.Model;
using System.Text;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Protocol.WifiProv;

namespace EspProv.Flows;

public sealed partial class Provisioner
{
    private async Task<WifiConnection> ProvisionWifiAsync(ProvisioningRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        WifiAccessPoint? chosen = null;
        var ssid = request.Ssid is { Length: > 0 } given ? given : (chosen = await ChooseAccessPointAsync(device, cancellationToken).ConfigureAwait(false)).Ssid;
        var passphrase = request.Passphrase is { } fromCaller
            ? WifiPassphrase.Problem(fromCaller, chosen?.Auth) is { } problem ? throw new MissingInputException(MissingInput.Passphrase, problem) : fromCaller
            : chosen is { Auth: WifiAuthMode.Open }
                ? string.Empty // the scan says the network is open: there is nothing to ask
                : await AskPassphraseAsync(ssid, chosen, retry: false, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await _client.SetWifiConfigAsync(new WifiCredentials(ssid, Encoding.UTF8.GetBytes(passphrase), request.Bssid, request.Channel), cancellationToken).ConfigureAwait(false);
            Report(new ConfigSent(ssid));
            await _client.ApplyWifiConfigAsync(cancellationToken).ConfigureAwait(false);
            Report(new ConfigApplied(Thread: false));
            try
            {
                var connection = await _client.WaitForWifiAsync(request.Polling, cancellationToken).ConfigureAwait(false);
                Report(new NetworkJoined(connection, null));
                return connection;
            }
            catch (WifiConnectionFailedException ex) when (ex.Reason == WifiConnectFailedReason.AuthError && attempt <= request.PassphraseRetries && _prompts.CanPrompt)
            {
                // A passphrase the device rejected is never sent again: only a new one is worth an attempt.
                var left = request.PassphraseRetries - attempt + 1;
                Report(new Retrying($"{ex.Message} Retrying: {left} attempt{(left == 1 ? string.Empty : "s")} left."));
                var next = await AskPassphraseAsync(ssid, chosen, retry: true, cancellationToken).ConfigureAwait(false);
                if (next == passphrase)
                {
                    throw new WifiConnectionFailedException(ex.Reason, attempt);
                }

                passphrase = next;
                await _client.ResetWifiAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WifiConnectionFailedException ex) when (attempt > 1)
            {
                throw new WifiConnectionFailedException(ex.Reason, attempt);
            }
        }
    }

    private async Task<string> AskPassphraseAsync(byte[] ssid, WifiAccessPoint? chosen, bool retry, CancellationToken cancellationToken) =>
        await AskParsedAsync(
            ct => _prompts.AskPassphraseAsync(ssid, retry, ct),
            MissingInput.Passphrase,
            $"No passphrase was given for '{SsidCodec.ToText(ssid)}' (an open network takes an empty one).",
            text => WifiPassphrase.Problem(text, chosen?.Auth) is { } problem ? throw new FormatException(problem) : text,
            cancellationToken).ConfigureAwait(false);

    private async Task<WifiAccessPoint> ChooseAccessPointAsync(DeviceInfo device, CancellationToken cancellationToken)
    {
        while (true)
        {
            var accessPoints = await ScanWifiAsync(device, cancellationToken).ConfigureAwait(false);
            if (accessPoints.Count == 0)
            {
                throw new MissingInputException(MissingInput.Ssid, "The scan found no access points; a hidden network needs its SSID given.");
            }

            if (!_prompts.CanPrompt)
            {
                throw new MissingInputException(MissingInput.Ssid, "No SSID was given and no one can choose from the scan.");
            }

            if (await _prompts.ChooseAccessPointAsync(accessPoints, cancellationToken).ConfigureAwait(false) is { } chosen)
            {
                return chosen;
            }
        }
    }

    private async Task<IReadOnlyList<WifiAccessPoint>> ScanWifiAsync(DeviceInfo device, CancellationToken cancellationToken)
    {
        if (device.IsJson && !device.Has(Capability.WifiScan))
        {
            throw new UnsupportedCapabilityException(Capability.WifiScan, "The device cannot scan for Wi-Fi networks (no wifi_scan capability); the SSID must be given.");
        }

        var accessPoints = await _client.ScanWifiAsync(cancellationToken).ConfigureAwait(false);
        Report(new ScanCompleted(Thread: false, accessPoints, []));
        return accessPoints;
    }
}
