using System.Globalization;
using EspProv.Model;
using EspProv.Transport.Ble;
using Spectre.Console;

namespace EspProv.Cli.Output;

/// <summary>Scan results as tables with esp_prov's columns.</summary>
internal static class ScanTable
{
    public static Table ForWifi(IReadOnlyList<WifiAccessPoint> accessPoints)
    {
        var table = new Table().AddColumns("S.N.", "SSID").AddColumn(new TableColumn("BSSID").NoWrap()).AddColumns("CHN", "RSSI", "AUTH");
        for (var i = 0; i < accessPoints.Count; i++)
        {
            var ap = accessPoints[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                ap.Ssid.All(b => b == 0) ? "[grey]<hidden>[/]" : Markup.Escape(TerminalText.Safe(ap.SsidText)),
                ap.BssidText,
                ap.Channel.ToString(CultureInfo.InvariantCulture),
                ap.Rssi.ToString(CultureInfo.InvariantCulture),
                ap.AuthName);
        }

        return table;
    }

    public static Table ForThread(IReadOnlyList<ThreadNetwork> networks)
    {
        var table = new Table().AddColumns("S.N.", "PAN ID", "EXT PAN ID", "NAME", "EXT ADDR", "CHN", "RSSI", "LQI");
        for (var i = 0; i < networks.Count; i++)
        {
            var n = networks[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                $"0x{n.PanId:x4}",
                Convert.ToHexStringLower(n.ExtPanId),
                Markup.Escape(TerminalText.Safe(n.NetworkName)),
                Convert.ToHexStringLower(n.ExtAddress),
                n.Channel.ToString(CultureInfo.InvariantCulture),
                n.Rssi.ToString(CultureInfo.InvariantCulture),
                n.Lqi.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    public static Table ForSoftAps(IReadOnlyList<Wifi.NetworkManager.SoftApInfo> accessPoints)
    {
        var table = new Table().AddColumns("S.N.", "SSID").AddColumn(new TableColumn("BSSID").NoWrap()).AddColumns("SIGNAL", "SECURITY", "MHZ");
        for (var i = 0; i < accessPoints.Count; i++)
        {
            var ap = accessPoints[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(TerminalText.Safe(ap.Ssid)),
                Markup.Escape(TerminalText.Safe(ap.Bssid)),
                $"{ap.Strength}%",
                ap.Security,
                ap.FrequencyMhz.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    public static Table ForBleDevices(IReadOnlyList<BleDeviceInfo> devices)
    {
        var table = new Table().AddColumns("S.N.", "Name").AddColumn(new TableColumn("Address").NoWrap()).AddColumns("RSSI", "Service");
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(TerminalText.Safe(d.Name ?? "Unknown")),
                d.Address,
                d.Rssi?.ToString(CultureInfo.InvariantCulture) ?? "?",
                string.Join(' ', d.ServiceUuids));
        }

        return table;
    }
}
