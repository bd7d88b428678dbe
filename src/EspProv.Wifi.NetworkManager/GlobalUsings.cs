global using PropertyMap = System.Collections.Generic.Dictionary<string, Tmds.DBus.Protocol.VariantValue>;
global using SettingsMap = System.Collections.Generic.Dictionary<string, System.Collections.Generic.Dictionary<string, Tmds.DBus.Protocol.VariantValue>>;
global using Tmds.DBus.Protocol;
