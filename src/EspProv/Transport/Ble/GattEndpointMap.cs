using System.Text;
using EspProv.Errors;

namespace EspProv.Transport.Ble;

/// <summary>
/// Endpoint name → characteristic for one provisioning service. Names come from the 0x2901 user-description
/// descriptors (lower-cased); where a characteristic has none, from its UUID (service UUID with digits 5-8
/// replaced by the endpoint's 16-bit id, <see cref="BleUuids.Characteristic"/>).
/// </summary>
internal sealed class GattEndpointMap
{
    private readonly Dictionary<string, BleGattCharacteristic> _characteristics;

    private GattEndpointMap(string serviceUuid, Dictionary<string, BleGattCharacteristic> characteristics, bool fromDescriptors)
    {
        ServiceUuid = serviceUuid;
        _characteristics = characteristics;
        FromDescriptors = fromDescriptors;
    }

    public string ServiceUuid { get; }

    /// <summary>True when at least one endpoint was named by a 0x2901 descriptor.</summary>
    public bool FromDescriptors { get; }

    public IReadOnlyCollection<string> Endpoints => _characteristics.Keys;

    public bool TryGetCharacteristic(string endpoint, out BleGattCharacteristic characteristic) => _characteristics.TryGetValue(endpoint, out characteristic!);

    /// <summary>Finds the first of <paramref name="candidateServices"/> among <paramref name="services"/> and names its characteristics, reading descriptors over <paramref name="link"/>.</summary>
    public static async Task<GattEndpointMap> BuildAsync(IBlePeripheralLink link, IReadOnlyList<BleGattService> services, IReadOnlyList<string> candidateServices, CancellationToken cancellationToken)
    {
        var service = candidateServices
            .Select(candidate => services.FirstOrDefault(s => BleUuids.AreEqual(s.Uuid, candidate)))
            .FirstOrDefault(s => s is not null)
            ?? throw new TransportException(TransportFailure.UnknownEndpoint, $"Provisioning service not found on the device (looked for {string.Join(", ", candidateServices)}).");

        var serviceUuid = service.Uuid.ToLowerInvariant();
        var derived = DerivedNames(serviceUuid);
        var characteristics = new Dictionary<string, BleGattCharacteristic>(StringComparer.Ordinal);
        var fromDescriptors = false;
        foreach (var characteristic in service.Characteristics)
        {
            string? name = null;
            if (characteristic.Descriptors.FirstOrDefault(d => BleUuids.AreEqual(d.Uuid, BleUuids.UserDescription)) is { } descriptor)
            {
                var value = await link.ReadAsync(descriptor, cancellationToken).ConfigureAwait(false);
                name = Encoding.ASCII.GetString(value).TrimEnd('\0').ToLowerInvariant();
                fromDescriptors |= name.Length > 0;
            }

            if (string.IsNullOrEmpty(name))
            {
                derived.TryGetValue(characteristic.Uuid.ToLowerInvariant(), out name);
            }

            if (!string.IsNullOrEmpty(name))
            {
                characteristics.TryAdd(name, characteristic);
            }
        }

        return new GattEndpointMap(serviceUuid, characteristics, fromDescriptors);
    }

    private static Dictionary<string, string> DerivedNames(string serviceUuid) =>
        Protocol.Endpoints.StandardBleIds.ToDictionary(e => BleUuids.Characteristic(serviceUuid, e.Id), e => e.Name, StringComparer.Ordinal);
}
