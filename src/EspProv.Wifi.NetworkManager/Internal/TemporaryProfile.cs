using System.Text;

namespace EspProv.Wifi.NetworkManager.Internal;

/// <summary>The connection profile for the device's AP; NetworkManager completes the rest from the AP.</summary>
internal static class TemporaryProfile
{
    public static SettingsMap For(string ssid, string? password)
    {
        var settings = new SettingsMap(StringComparer.Ordinal)
        {
            ["connection"] = new(StringComparer.Ordinal)
            {
                ["id"] = VariantValue.String($"esp-prov {ssid}"),
                // AddConnectionUnsaved takes a complete profile (AddAndActivateConnection2 would make one up).
                ["uuid"] = VariantValue.String(Guid.NewGuid().ToString()),
                ["type"] = VariantValue.String("802-11-wireless"),
                ["autoconnect"] = VariantValue.Bool(false),
            },
            ["802-11-wireless"] = new(StringComparer.Ordinal)
            {
                ["ssid"] = VariantValue.Array(Encoding.UTF8.GetBytes(ssid)),
                ["mode"] = VariantValue.String("infrastructure"),
            },
            // The device's AP leads nowhere: never a default route, and up only once it gave an IPv4 address.
            ["ipv4"] = new(StringComparer.Ordinal)
            {
                ["method"] = VariantValue.String("auto"),
                ["never-default"] = VariantValue.Bool(true),
                ["may-fail"] = VariantValue.Bool(false),
            },
            ["ipv6"] = new(StringComparer.Ordinal) { ["method"] = VariantValue.String("ignore") },
        };
        if (!string.IsNullOrEmpty(password))
        {
            settings["802-11-wireless-security"] = new(StringComparer.Ordinal)
            {
                ["key-mgmt"] = VariantValue.String("wpa-psk"),
                ["psk"] = VariantValue.String(password),
            };
        }

        return settings;
    }
}
