namespace EspProv.Ble.BlueZ.Internal;

/// <summary>Bus names, interfaces and error names of BlueZ and D-Bus.</summary>
internal static class BlueZNames
{
    public const string Service = "org.bluez";
    public const string Adapter = "org.bluez.Adapter1";
    public const string Device = "org.bluez.Device1";
    public const string GattService = "org.bluez.GattService1";
    public const string GattCharacteristic = "org.bluez.GattCharacteristic1";
    public const string GattDescriptor = "org.bluez.GattDescriptor1";
    public const string GattManager = "org.bluez.GattManager1";
    public const string AdvertisingManager = "org.bluez.LEAdvertisingManager1";
    public const string Advertisement = "org.bluez.LEAdvertisement1";
    public const string ObjectManager = "org.freedesktop.DBus.ObjectManager";
    public const string Properties = "org.freedesktop.DBus.Properties";

    public const string ErrorFailed = "org.bluez.Error.Failed";
    public const string ErrorNotPermitted = "org.bluez.Error.NotPermitted";
    public const string ErrorNotAuthorized = "org.bluez.Error.NotAuthorized";
    public const string ErrorAuthenticationRequired = "org.bluez.Error.AuthenticationRequired";
    public const string ErrorInProgress = "org.bluez.Error.InProgress";
    public const string ErrorAlreadyExists = "org.bluez.Error.AlreadyExists";
    public const string ErrorDoesNotExist = "org.bluez.Error.DoesNotExist";
    public const string ErrorNotConnected = "org.bluez.Error.NotConnected";
    public const string ErrorInvalidArguments = "org.bluez.Error.InvalidArguments";
    public const string ErrorInvalidOffset = "org.bluez.Error.InvalidOffset";
    public const string ErrorInvalidValueLength = "org.bluez.Error.InvalidValueLength";
    public const string ErrorUnknownObject = "org.freedesktop.DBus.Error.UnknownObject";
    public const string ErrorUnknownMethod = "org.freedesktop.DBus.Error.UnknownMethod";
}
