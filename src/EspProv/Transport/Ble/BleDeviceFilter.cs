namespace EspProv.Transport.Ble;

/// <summary>Which devices a scan reports. All set criteria must hold; an empty filter matches every device.</summary>
public sealed record BleDeviceFilter
{
    /// <summary>The exact advertised name (esp_prov's <c>--service_name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>A name prefix such as <c>PROV_</c>; compared case-sensitively, as the phone apps do.</summary>
    public string? NamePrefix { get; init; }

    /// <summary>A service UUID the device must advertise.</summary>
    public string? ServiceUuid { get; init; }

    /// <summary>The Bluetooth address, case-insensitive.</summary>
    public string? Address { get; init; }

    /// <summary>True when <paramref name="device"/> passes every set criterion.</summary>
    public bool Matches(BleDeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (Name is not null && !string.Equals(device.Name, Name, StringComparison.Ordinal))
        {
            return false;
        }

        if (NamePrefix is not null && (device.Name is null || !device.Name.StartsWith(NamePrefix, StringComparison.Ordinal)))
        {
            return false;
        }

        if (Address is not null && !string.Equals(device.Address, Address, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return ServiceUuid is null || device.ServiceUuids.Any(u => BleUuids.AreEqual(u, ServiceUuid));
    }

    /// <summary>A short description for error messages.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Name is not null) parts.Add($"named '{Name}'");
        if (NamePrefix is not null) parts.Add($"with a name starting '{NamePrefix}'");
        if (Address is not null) parts.Add($"at {Address}");
        if (ServiceUuid is not null) parts.Add($"advertising {ServiceUuid}");
        return parts.Count == 0 ? "any device" : string.Join(" ", parts);
    }
}
