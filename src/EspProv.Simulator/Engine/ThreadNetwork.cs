namespace EspProv.Simulator;

/// <summary>One Thread network the simulated radio discovers (a <c>ThreadScanResult</c>, spec section 2.11).</summary>
/// <param name="PanId">The 16-bit PAN id.</param>
/// <param name="Channel">The 802.15.4 channel (11..26).</param>
/// <param name="Rssi">Signal strength in dBm.</param>
/// <param name="Lqi">Link quality indicator.</param>
/// <param name="ExtAddress">The 8-byte extended address of the responding router.</param>
/// <param name="NetworkName">The network name (at most 16 characters).</param>
/// <param name="ExtPanId">The 8-byte extended PAN id.</param>
public sealed record ThreadNetwork(uint PanId, uint Channel, int Rssi, uint Lqi, byte[] ExtAddress, string NetworkName, byte[] ExtPanId);
