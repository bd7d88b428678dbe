namespace EspProv.Flows;

/// <summary>The device's report after it attached to a Thread network.</summary>
public sealed record ThreadAttachment(uint PanId, byte[] ExtPanId, uint Channel, string NetworkName);
