namespace EspProv.Flows;

/// <summary>
/// What provisioning a network may be given: Wi-Fi credentials for a Wi-Fi device, a dataset for a
/// Thread device (the device's capabilities decide which). Null means "scan and ask" or "ask".
/// </summary>
public sealed record ProvisioningRequest
{
    /// <summary>SSID bytes; null scans and lets the user pick.</summary>
    public byte[]? Ssid { get; init; }

    /// <summary>Passphrase; null asks for it.</summary>
    public string? Passphrase { get; init; }

    /// <summary>BSSID to pin in SetConfig.</summary>
    public byte[]? Bssid { get; init; }

    /// <summary>Channel to pin in SetConfig.</summary>
    public int Channel { get; init; }

    /// <summary>How many times to ask for a new passphrase and retry after an authentication error.</summary>
    public int PassphraseRetries { get; init; }

    /// <summary>Thread dataset TLVs (network_provisioning Thread devices); null scans and asks.</summary>
    public byte[]? ThreadDataset { get; init; }

    /// <summary>Text for the <c>custom-data</c> endpoint, sent before the network configuration (as esp_prov does).</summary>
    public string? CustomData { get; init; }

    /// <summary>Status polling.</summary>
    public StatusPolling Polling { get; init; } = new();

    // Records print every property; the passphrase and the dataset (it holds the network key) must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ssid = {(Ssid is null ? "null" : Model.SsidCodec.ToText(Ssid))}, Passphrase = {(Passphrase is null ? "null" : "<redacted>")}, ");
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Channel = {Channel}, PassphraseRetries = {PassphraseRetries}, ThreadDataset = {(ThreadDataset is null ? "null" : "<redacted>")}, CustomData = {CustomData}");
        return true;
    }
}
