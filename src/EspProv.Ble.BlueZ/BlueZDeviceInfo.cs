namespace EspProv.Ble.BlueZ;

/// <summary>What a <see cref="BleDeviceInfo"/> found by <see cref="BlueZCentral"/> means to BlueZ.</summary>
public static class BlueZDeviceInfo
{
    extension(BleDeviceInfo device)
    {
        /// <summary>BlueZ's object path of the device (e.g. <c>/org/bluez/hci0/dev_24_0A_C4_00_00_01</c>).</summary>
        public string ObjectPath => device.PlatformId;
    }
}
