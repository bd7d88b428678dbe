using System.Globalization;

namespace EspProv.Transport.Ble;

/// <summary>The GATT UUIDs of ESP-IDF provisioning (spec section 6.2), in lower-case canonical form (as BlueZ reports them).</summary>
public static class BleUuids
{
    /// <summary>The service UUID of the <c>wifi_prov_mgr</c> example and NP examples; esp_prov's fallback.</summary>
    public const string ExampleService = "021a9004-0382-4aea-bff4-6b3f1c5adfb4";

    /// <summary>The default service UUID of <c>scheme_ble.c</c> when the application sets none.</summary>
    public const string DefaultService = "1775244d-6b43-439b-877c-060f2d9bed07";

    /// <summary>The Characteristic User Description descriptor, which carries the endpoint name.</summary>
    public const string UserDescription = "00002901-0000-1000-8000-00805f9b34fb";

    /// <summary>The service UUIDs tried, in order, when the advertisement does not name exactly one.</summary>
    public static IReadOnlyList<string> KnownServices { get; } = [ExampleService, DefaultService];

    /// <summary>
    /// The characteristic UUID of endpoint <paramref name="id16"/> on <paramref name="serviceUuid"/>: bytes 12-13 of the
    /// LSB-first array, which are hex digits 5-8 of the canonical string, replaced by the 16-bit id. (esp_prov's
    /// fallback ANDs the id with those digits instead, which is wrong for every real service UUID.)
    /// </summary>
    public static string Characteristic(string serviceUuid, ushort id16)
    {
        var canonical = Normalize(serviceUuid);
        return string.Concat(canonical.AsSpan(0, 4), id16.ToString("x4", CultureInfo.InvariantCulture), canonical.AsSpan(8));
    }

    /// <summary>Returns the lower-case canonical 36-character form; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static string Normalize(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        if (!Guid.TryParseExact(uuid, "D", out var parsed))
        {
            throw new ArgumentException($"'{uuid}' is not a 128-bit UUID in 8-4-4-4-12 form.", nameof(uuid));
        }

        return parsed.ToString("D");
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same UUID, ignoring case.</summary>
    public static bool AreEqual(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
