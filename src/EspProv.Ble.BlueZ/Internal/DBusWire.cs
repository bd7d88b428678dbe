namespace EspProv.Ble.BlueZ.Internal;

/// <summary>Reading and writing the composite D-Bus types BlueZ uses (a{sa{sv}}, a{oa{sa{sv}}}).</summary>
internal static class DBusWire
{
    /// <summary>Reads a{sa{sv}}: interface name to properties.</summary>
    public static InterfaceMap ReadInterfaces(ref Reader reader)
    {
        var result = new InterfaceMap(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var name = reader.ReadString();
            result[name] = reader.ReadDictionaryOfStringToVariantValue();
        }

        return result;
    }

    /// <summary>Reads a{oa{sa{sv}}}: the reply of ObjectManager.GetManagedObjects.</summary>
    public static Dictionary<string, InterfaceMap> ReadManagedObjects(ref Reader reader)
    {
        var result = new Dictionary<string, InterfaceMap>(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var path = reader.ReadObjectPathAsString();
            result[path] = ReadInterfaces(ref reader);
        }

        return result;
    }

    /// <summary>Writes a{sa{sv}}.</summary>
    public static void WriteInterfaces(ref MessageWriter writer, InterfaceMap interfaces)
    {
        var start = writer.WriteDictionaryStart();
        foreach (var (name, properties) in interfaces)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteDictionary(properties);
        }

        writer.WriteDictionaryEnd(start);
    }

    /// <summary>Writes a{oa{sa{sv}}}.</summary>
    public static void WriteManagedObjects(ref MessageWriter writer, IEnumerable<KeyValuePair<string, InterfaceMap>> objects)
    {
        var start = writer.WriteDictionaryStart();
        foreach (var (path, interfaces) in objects)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteObjectPath(path);
            WriteInterfaces(ref writer, interfaces);
        }

        writer.WriteDictionaryEnd(start);
    }

    /// <summary>A string property, or null when absent or of another type.</summary>
    public static string? GetString(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.String ? value.GetString() : null;

    /// <summary>An object path property, or null.</summary>
    public static string? GetPath(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.ObjectPath ? value.GetObjectPathAsString() : null;

    /// <summary>A boolean property, or null.</summary>
    public static bool? GetBool(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Bool ? value.GetBool() : null;

    /// <summary>An int16 property (RSSI), or null.</summary>
    public static short? GetInt16(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Int16 ? value.GetInt16() : null;

    /// <summary>A string-array property (UUIDs), or an empty array.</summary>
    public static string[] GetStrings(this PropertyMap properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Array && value.ItemType == VariantValueType.String
            ? value.GetArray<string>()
            : [];
}
