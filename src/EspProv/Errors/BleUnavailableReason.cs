namespace EspProv.Ble.BlueZ;

/// <summary>Why Bluetooth LE cannot be used on this machine.</summary>
public enum BleUnavailableReason
{
    /// <summary>There is no D-Bus system bus to talk to (no socket, or the connection was refused).</summary>
    NoBus,

    /// <summary>The bus is up but nothing owns the <c>org.bluez</c> name: bluetoothd is not running.</summary>
    NoBlueZ,

    /// <summary>BlueZ runs but the requested adapter (e.g. <c>hci0</c>) does not exist.</summary>
    NoAdapter,

    /// <summary>The adapter exists but is powered off.</summary>
    AdapterOff,
}
