using System.CommandLine;
using System.Text;
using EspProv.Cli.Output;
using EspProv.Model;
using EspProv.Transport;
using EspProv.Transport.Http;

namespace EspProv.Cli.Commands;

/// <summary>The device AP to join before provisioning over softAP: named by <c>--join</c>, or by a softAP QR code.</summary>
/// <param name="Ssid">The device's AP.</param>
/// <param name="Password">Its password (the firmware's service_key), or null for an open AP.</param>
/// <param name="Interface">The Wi-Fi interface, or null for NetworkManager's first usable one.</param>
/// <param name="Timeout">How long the whole join may take, up to the AP giving an address.</param>
/// <param name="Automatic">From the QR code rather than <c>--join</c>: without NetworkManager the run goes on the manual way.</param>
internal sealed record SoftApJoinSettings(string Ssid, string? Password, string? Interface, TimeSpan Timeout, bool Automatic)
{
    private const string PasswordVariable = "ESP_PROV_JOIN_PASSWORD";

    public static SoftApJoinSettings? From(ParseResult parse, ProvisionOptions o, SecretOptions.Reader secrets, TransportName? transport, QrPayload? qr, string? serviceName)
    {
        var explicitSsid = parse.GetValue(o.Join);
        var noJoin = parse.GetValue(o.NoJoin);
        var password = secrets.Read(o.JoinPassword, o.Secrets.JoinPasswordFile);
        var wifiInterface = parse.GetValue(o.WifiInterface);
        if (explicitSsid is not null && noJoin)
        {
            throw new UsageException("Give either --join or --no-join, not both.");
        }

        if (explicitSsid is not null && transport != TransportName.SoftAp)
        {
            throw new UsageException("--join joins a device's softAP: use it with --transport softap.");
        }

        // A --service_name with a host of its own says where the device is (a simulator, a device on the LAN): no AP to join.
        var automatic = explicitSsid is null && !noJoin && transport == TransportName.SoftAp && qr?.Name is { Length: > 0 } && AddressLeftToTheAp(serviceName);
        var ssid = explicitSsid ?? (automatic ? qr!.Name : null);
        if (ssid is null)
        {
            return password is not null || wifiInterface is not null
                ? throw new UsageException("--join-password and --wifi-interface go with --join (or a softAP QR code).")
                : transport is { Kind: TransportKind.Http } && serviceName is not null && serviceName.TrimStart().StartsWith(':')
                    ? throw new UsageException("--service_name :PORT (a port alone) needs the device's AP to give the address: use it with --join, or a softAP QR code without --no-join.")
                    : null;
        }

        if (Encoding.UTF8.GetByteCount(ssid) is 0 or > 32)
        {
            throw new UsageException("--join takes an SSID of 1 to 32 bytes (e.g. PROV_261FCC).");
        }

        password ??= SecretOptions.FromEnvironment(PasswordVariable);
        if (password is { Length: > 0 } && PasswordProblem(password) is not null)
        {
            throw new UsageException("--join-password: a WPA2 password has 8 to 63 bytes.");
        }

        return new SoftApJoinSettings(ssid, password is { Length: > 0 } ? password : null, wifiInterface, ProvisionSettings.Seconds(parse.GetValue(o.JoinTimeout), "--join-timeout"), automatic);
    }

    /// <summary>Why the AP cannot take <paramref name="password"/> (WPA2: 8 to 63 bytes), or null; the one rule for every way a password comes.</summary>
    public static string? PasswordProblem(string password) =>
        Encoding.UTF8.GetByteCount(password) is var length and (< 8 or > 63)
            ? $"A WPA2 password has 8 to 63 bytes; this one has {length}."
            : null;

    // No address, a port alone (":8080"), or ESP-IDF's softAP address: the device is wherever its AP puts it.
    private static bool AddressLeftToTheAp(string? serviceName)
    {
        try
        {
            var address = HttpServiceAddress.Parse(serviceName);
            return address.Host.Length == 0 || address.Host == HttpServiceAddress.Default.Host;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Redacts the password.</summary>
    public override string ToString() => $"SoftApJoinSettings {{ Ssid = {Ssid}, Password = {(Password is null ? "none" : "<redacted>")}, Interface = {Interface}, Automatic = {Automatic} }}";
}
