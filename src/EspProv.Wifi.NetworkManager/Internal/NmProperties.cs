namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>Typed reads of a property map; a missing property or one of another type reads as the fallback.</summary>
internal static class NmProperties
{
    public static string? String(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.String ? value.GetString() : null;

    /// <summary>An object path, or null for none (NetworkManager says "/").</summary>
    public static string? Path(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.ObjectPath && value.GetObjectPathAsString() is { } path && path != NmNames.NoObject ? path : null;

    public static uint UInt32(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.UInt32 ? value.GetUInt32() : 0;

    public static long Int64(this PropertyMap properties, string name, long fallback) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Int64 ? value.GetInt64() : fallback;

    public static byte Byte(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Byte ? value.GetByte() : (byte)0;

    public static byte[] Bytes(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Array && value.ItemType == VariantValueType.Byte ? value.GetArray<byte>() : [];
}
