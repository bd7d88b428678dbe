namespace EspProv.Simulator;

/// <summary>
/// The network credentials a client applied. <see cref="ToString"/> redacts the passphrase so the record
/// can be logged safely; tests read <see cref="Passphrase"/> directly.
/// </summary>
/// <param name="Ssid">The SSID bytes as stored (up to the first NUL).</param>
/// <param name="Passphrase">The passphrase bytes as stored (up to the first NUL).</param>
/// <param name="ThreadDataset">The Thread dataset TLVs (Thread flavour), else null.</param>
public sealed record ReceivedCredentials(byte[] Ssid, byte[] Passphrase, byte[]? ThreadDataset)
{
    /// <summary>The SSID as text (UTF-8, lossy).</summary>
    public string SsidText => System.Text.Encoding.UTF8.GetString(Ssid);

    /// <summary>The passphrase as text (UTF-8, lossy). Do not log it.</summary>
    public string PassphraseText => System.Text.Encoding.UTF8.GetString(Passphrase);

    /// <inheritdoc />
    public override string ToString() => ThreadDataset is null
        ? $"ssid=\"{SsidText}\" passphrase=({Passphrase.Length} bytes)"
        : $"thread dataset=({ThreadDataset.Length} bytes)";
}
