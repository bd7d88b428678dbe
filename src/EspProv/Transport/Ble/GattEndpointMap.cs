using System.Text;
using EspProv.Errors;

namespace EspProv.Ble.BlueZ.Internal;

/// <summary>
/// Endpoint name → characteristic object path for one provisioning service. Names come from the 0x2901
/// user-description descriptors (lower-cased); where a characteristic has none, from its UUID
/// (service UUID with digits 5-8 replaced by the endpoint's 16-bit id).
/// </summary>
internal sealed class GattEndpointMap
{
    private readonly Dictionary<string, string> _paths;

    private GattEndpointMap(string servicePath, string serviceUuid, Dictionary<string, string> paths, bool fromDescriptors)
    {
        ServicePath = servicePath;
        ServiceUuid = serviceUuid;
        _paths = paths;
        FromDescriptors = fromDescriptors;
    }

    public string ServicePath { get; }

    public string ServiceUuid { get; }

    /// <summary>True when at least one endpoint was named by a 0x2901 descriptor.</summary>
    public bool FromDescriptors { get; }

    public IReadOnlyCollection<string> Endpoints => _paths.Keys;

    public bool TryGetPath(string endpoint, out string path) => _paths.TryGetValue(endpoint, out path!);

    /// <summary>Finds the provisioning service under <paramref name="devicePath"/> and names its characteristics.</summary>
    public static async Task<GattEndpointMap> BuildAsync(DBusConnection connection, string devicePath, IReadOnlyList<string> candidateServices, CancellationToken cancellationToken)
    {
        var objects = await DBusCalls.GetManagedObjectsAsync(connection, BlueZNames.Service, "/").WaitAsync(cancellationToken).ConfigureAwait(false);
        var prefix = devicePath + "/";
        var services = objects
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && o.Value.ContainsKey(BlueZNames.GattService))
            .Select(o => (Path: o.Key, Uuid: o.Value[BlueZNames.GattService].GetString("UUID") ?? string.Empty))
            .ToList();
        var service = candidateServices
            .Select(candidate => services.FirstOrDefault(s => BleUuids.AreEqual(s.Uuid, candidate)))
            .FirstOrDefault(s => s.Path is not null);
        if (service.Path is null || service.Uuid is null)
        {
            throw new TransportException(TransportFailure.UnknownEndpoint, $"Provisioning service not found on the device (looked for {string.Join(", ", candidateServices)}).");
        }

        var serviceUuid = service.Uuid.ToLowerInvariant();
        var derived = DerivedNames(serviceUuid);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromDescriptors = false;
        var characteristics = objects
            .Where(o => o.Value.TryGetValue(BlueZNames.GattCharacteristic, out var p) && p.GetPath("Service") == service.Path)
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var (charPath, interfaces) in characteristics)
        {
            var descriptor = objects.FirstOrDefault(o =>
                o.Value.TryGetValue(BlueZNames.GattDescriptor, out var p) && p.GetPath("Characteristic") == charPath
                && BleUuids.AreEqual(p.GetString("UUID"), BleUuids.UserDescription)).Key;
            string? name = null;
            if (descriptor is not null)
            {
                var value = await DBusCalls.ReadValueAsync(connection, BlueZNames.Service, descriptor, BlueZNames.GattDescriptor).WaitAsync(cancellationToken).ConfigureAwait(false);
                name = Encoding.ASCII.GetString(value).TrimEnd('\0').ToLowerInvariant();
                fromDescriptors |= name.Length > 0;
            }

            if (string.IsNullOrEmpty(name))
            {
                derived.TryGetValue((interfaces[BlueZNames.GattCharacteristic].GetString("UUID") ?? string.Empty).ToLowerInvariant(), out name);
            }

            if (!string.IsNullOrEmpty(name))
            {
                paths.TryAdd(name, charPath);
            }
        }

        return new GattEndpointMap(service.Path, serviceUuid, paths, fromDescriptors);
    }

    private static Dictionary<string, string> DerivedNames(string serviceUuid) =>
        EspProv.Protocol.Endpoints.StandardBleIds.ToDictionary(e => BleUuids.Characteristic(serviceUuid, e.Id), e => e.Name, StringComparer.Ordinal);
}
