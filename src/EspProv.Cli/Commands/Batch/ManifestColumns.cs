namespace EspProv.Cli.Commands.Batch;

/// <summary>The columns (CSV) or keys (JSON Lines) a manifest may have: esp_prov's long flag names, plus <c>name</c>.</summary>
internal static class ManifestColumns
{
    public const string Name = "name";
    public const string Transport = "transport";
    public const string ServiceName = "service_name";
    public const string SecVer = "sec_ver";
    public const string Pop = "pop";
    public const string Sec2Username = "sec2_username";
    public const string Sec2Password = "sec2_pwd";
    public const string Ssid = "ssid";
    public const string Passphrase = "passphrase";
    public const string CustomData = "custom_data";
    public const string DatasetTlvs = "dataset_tlvs";
    public const string QrCode = "qrcode";

    public static IReadOnlyList<string> All { get; } = [Name, Transport, ServiceName, SecVer, Pop, Sec2Username, Sec2Password, Ssid, Passphrase, CustomData, DatasetTlvs, QrCode];

    public static bool IsKnown(string column) => All.Contains(column, StringComparer.Ordinal);

    public static string Unknown(string column) => $"unknown column '{Output.TerminalText.Safe(column)}'; the columns are {string.Join(", ", All)}.";
}
