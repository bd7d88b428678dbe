namespace EspProv.Ble.BlueZ.Internal;

/// <summary>Thrown by an exported object's method to send a D-Bus error reply with a specific name.</summary>
internal sealed class DBusMethodError(string errorName, string message) : Exception(message)
{
    public string ErrorName { get; } = errorName;
}
