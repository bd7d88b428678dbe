global using InterfaceMap = System.Collections.Generic.Dictionary<string, System.Collections.Generic.Dictionary<string, Tmds.DBus.Protocol.VariantValue>>;
global using PropertyMap = System.Collections.Generic.Dictionary<string, Tmds.DBus.Protocol.VariantValue>;
global using Tmds.DBus.Protocol;
global using EspProv.Errors;
global using EspProv.Transport.Ble;
