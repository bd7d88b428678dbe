using EspProv.Ble.BlueZ.Internal;

namespace EspProv.Ble.Tests.Support;

internal sealed partial class FakeBlueZ
{
    private void EmitPropertiesChanged(string path, string @interface, PropertyMap changed)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteSignalHeader(null, path, BlueZNames.Properties, "PropertiesChanged", "sa{sv}as");
        writer.WriteString(@interface);
        writer.WriteDictionary(changed);
        writer.WriteArray(Array.Empty<string>());
        _connection.TrySendMessage(writer.CreateMessage());
    }

    private void EmitInterfacesAdded(string path, InterfaceMap interfaces)
    {
        var writer = _connection.GetMessageWriter();
        try
        {
            writer.WriteSignalHeader(null, "/", BlueZNames.ObjectManager, "InterfacesAdded", "oa{sa{sv}}");
            writer.WriteObjectPath(path);
            DBusWire.WriteInterfaces(ref writer, interfaces);
            _connection.TrySendMessage(writer.CreateMessage());
        }
        finally
        {
            writer.Dispose();
        }
    }

    private void EmitInterfacesRemoved(string path, IEnumerable<string> interfaces)
    {
        using var writer = _connection.GetMessageWriter();
        writer.WriteSignalHeader(null, "/", BlueZNames.ObjectManager, "InterfacesRemoved", "oas");
        writer.WriteObjectPath(path);
        writer.WriteArray(interfaces.ToArray());
        _connection.TrySendMessage(writer.CreateMessage());
    }
}
