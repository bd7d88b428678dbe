namespace EspProv.Transport.Ble;

/// <summary>A GATT attribute as a backend found it.</summary>
/// <param name="Uuid">The attribute type, lower-case canonical form.</param>
/// <param name="Handle">The backend's key for the attribute (a BlueZ object path, an attribute handle).</param>
public abstract record BleGattAttribute(string Uuid, string Handle);

/// <summary>A characteristic descriptor, such as the 0x2901 user description that names a protocomm endpoint.</summary>
public sealed record BleGattDescriptor(string Uuid, string Handle) : BleGattAttribute(Uuid, Handle);

/// <summary>A characteristic and its descriptors.</summary>
public sealed record BleGattCharacteristic(string Uuid, string Handle, IReadOnlyList<BleGattDescriptor> Descriptors) : BleGattAttribute(Uuid, Handle);

/// <summary>A primary service and its characteristics, in handle order.</summary>
public sealed record BleGattService(string Uuid, string Handle, IReadOnlyList<BleGattCharacteristic> Characteristics) : BleGattAttribute(Uuid, Handle);
