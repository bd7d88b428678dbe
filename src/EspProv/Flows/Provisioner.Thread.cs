using EspProv.Model;
using EspProv.Errors;
using EspProv.Protocol;

namespace EspProv.Flows;

public sealed partial class Provisioner
{
    private async Task<ThreadAttachment> ProvisionThreadAsync(ProvisioningRequest request, DeviceInfo device, CancellationToken cancellationToken)
    {
        var dataset = request.ThreadDataset ?? await ChooseThreadDatasetAsync(device, cancellationToken).ConfigureAwait(false);
        await _client.SetThreadDatasetAsync(dataset, cancellationToken).ConfigureAwait(false);
        Report(new ConfigSent(null));
        await _client.ApplyThreadAsync(cancellationToken).ConfigureAwait(false);
        Report(new ConfigApplied(Thread: true));
        var attachment = await _client.WaitForThreadAsync(request.Polling, cancellationToken).ConfigureAwait(false);
        Report(new NetworkJoined(null, attachment));
        return attachment;
    }

    private async Task<byte[]> ChooseThreadDatasetAsync(DeviceInfo device, CancellationToken cancellationToken)
    {
        if (!device.Has(Capability.ThreadScan))
        {
            return await AskParsedAsync(_prompts.AskThreadDatasetAsync, MissingInput.ThreadDataset, "The device cannot scan for Thread networks and no dataset was given.", ThreadDataset.ParseHex, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var networks = await ScanThreadAsync(device, cancellationToken).ConfigureAwait(false);
            if (!_prompts.CanPrompt)
            {
                throw new MissingInputException(MissingInput.ThreadDataset, "No Thread dataset was given and no one can choose from the scan.");
            }

            if (await _prompts.ChooseThreadNetworkAsync(networks, cancellationToken).ConfigureAwait(false) is { } chosen)
            {
                return await AskParsedAsync(ct => _prompts.AskThreadNetworkKeyAsync(chosen, ct), MissingInput.ThreadNetworkKey, "A Thread network key is needed.", key => ThreadDataset.FromScan(chosen, Convert.FromHexString(key.Trim())), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ThreadNetwork>> ScanThreadAsync(DeviceInfo device, CancellationToken cancellationToken)
    {
        if (!device.Has(Capability.ThreadScan))
        {
            throw new UnsupportedCapabilityException(Capability.ThreadScan, "The device cannot scan for Thread networks (no thread_scan capability).");
        }

        var networks = await _client.ScanThreadAsync(cancellationToken).ConfigureAwait(false);
        Report(new ScanCompleted(Thread: true, [], networks));
        return networks;
    }
}
