namespace EspProv.Simulator;

/// <summary>
/// The endpoints a device serves and the custom handlers behind them; replaced whole on every change, and
/// sealed (<see cref="Served"/>) by the first request, after which <c>wifi_prov_mgr_endpoint_register</c> fails.
/// </summary>
internal sealed record EndpointTable(
    IReadOnlyList<(string Name, ushort BleId)> Endpoints,
    IReadOnlyDictionary<string, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>>> Custom,
    bool Served)
{
    public static EndpointTable Standard { get; } = new([.. Protocol.Endpoints.StandardBleIds], new Dictionary<string, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>>>(StringComparer.Ordinal), false);

    /// <summary>Binds <paramref name="handler"/> to <paramref name="name"/>; a new name gets the next custom BLE id.</summary>
    public EndpointTable With(string name, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> handler)
    {
        var custom = new Dictionary<string, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>>>(Custom, StringComparer.Ordinal) { [name] = handler };
        var endpoints = Custom.ContainsKey(name) ? Endpoints : [.. Endpoints, (name, (ushort)(Protocol.Endpoints.FirstCustomBleId + Custom.Count))];
        return this with { Endpoints = endpoints, Custom = custom };
    }
}
