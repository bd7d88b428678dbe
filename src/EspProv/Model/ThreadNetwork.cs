namespace EspProv.Model;

/// <summary>One Thread network a device discovered (a <c>ThreadScanResult</c>, spec section 10).</summary>
/// <param name="PanId">The 16-bit PAN id.</param>
/// <param name="Channel">The 802.15.4 channel (11..26).</param>
/// <param name="Rssi">Signal strength in dBm.</param>
/// <param name="Lqi">Link quality indicator.</param>
/// <param name="ExtAddress">The 8-byte extended address of the responding router.</param>
/// <param name="NetworkName">The network name (at most 16 characters; empty when the beacon carried none).</param>
/// <param name="ExtPanId">The 8-byte extended PAN id (zeros when the beacon carried none).</param>
public sealed record ThreadNetwork(uint PanId, uint Channel, int Rssi, uint Lqi, byte[] ExtAddress, string NetworkName, byte[] ExtPanId);
