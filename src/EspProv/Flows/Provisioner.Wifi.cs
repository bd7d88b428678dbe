using System.Text;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Protocol.WifiProv;

namespace EspProv.Flows;

public sealed partial class Provisioner
{
    private async Task<WifiConnection> ProvisionWifiAsync(ProvisioningRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        var ssid = request.Ssid is { Length: > 0 } given ? given : await ChooseSsidAsync(device, cancellationToken).ConfigureAwait(false);
        var passphrase = request.Passphrase
            ?? await RequireAsync(ct => _prompts.AskPassphraseAsync(ssid, retry: false, ct), MissingInput.Passphrase, $"No passphrase was given for '{SsidCodec.ToText(ssid)}' (an open network takes an empty one).", cancellationToken).ConfigureAwait(false);
        var retriesLeft = request.PassphraseRetries;
        while (true)
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
            catch (WifiConnectionFailedException ex) when (ex.Reason == WifiConnectFailedReason.AuthError && retriesLeft-- > 0)
            {
                Report(new Retrying($"{ex.Message} Retrying ({retriesLeft} retries left)."));
                passphrase = (_prompts.CanPrompt ? await _prompts.AskPassphraseAsync(ssid, retry: true, cancellationToken).ConfigureAwait(false) : null) ?? passphrase;
                await _client.ResetWifiAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<byte[]> ChooseSsidAsync(DeviceInfo device, CancellationToken cancellationToken)
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
                return chosen.Ssid;
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
