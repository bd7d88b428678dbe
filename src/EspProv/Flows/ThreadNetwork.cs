namespace EspProv.Flows;

/// <summary>One Thread network from a device's Thread scan.</summary>
public sealed record ThreadNetwork(uint PanId, uint Channel, int Rssi, uint Lqi, byte[] ExtAddress, string NetworkName, byte[] ExtPanId);
