namespace EspProv.Transport.Ble;

/// <summary>What kind of failure a backend reported, in the terms the shared BLE layer decides on.</summary>
public enum BleGattError
{
    /// <summary>Anything else; the message carries the platform's words.</summary>
    Failed,

    /// <summary>The device answered with an ATT error response; <see cref="BleGattException.AttErrorCode"/> says which.</summary>
    AttError,

    /// <summary>The platform says the operation needs an authenticated or encrypted link (pairing), without an ATT code.</summary>
    AuthenticationRequired,

    /// <summary>The link is down.</summary>
    Disconnected,
}
