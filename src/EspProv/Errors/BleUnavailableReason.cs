namespace EspProv.Errors;

/// <summary>Why Bluetooth LE cannot be used on this machine.</summary>
public enum BleUnavailableReason
{
    /// <summary>Linux: there is no D-Bus system bus to talk to (no socket, or the connection was refused).</summary>
    NoBus,

    /// <summary>Linux: the bus is up but nothing owns the <c>org.bluez</c> name: bluetoothd is not running.</summary>
    NoBlueZ,

    /// <summary>The requested adapter (e.g. <c>hci0</c>) does not exist, or the machine has no Bluetooth LE adapter.</summary>
    NoAdapter,

    /// <summary>The adapter exists but is powered off (on Windows: the Bluetooth radio is off).</summary>
    AdapterOff,

    /// <summary>esp-prov has no BLE backend for this operating system, or the system refuses access to Bluetooth.</summary>
    NotSupported,
}
