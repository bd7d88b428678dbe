namespace EspProv.Transport;

/// <summary>
/// The transport names of esp_prov's <c>--transport</c> and of a QR payload's <c>"transport"</c>, plus <c>sim</c>
/// (a simulated device in this process). <see cref="TransportKind"/> is the link each stands for.
/// </summary>
public enum TransportName
{
    /// <summary><c>softap</c>: HTTP to a device through its own access point (what devices print in their QR payload).</summary>
    SoftAp,

    /// <summary><c>httpd</c>: HTTP to a device already on the network.</summary>
    Httpd,

    /// <summary><c>ble</c>: Bluetooth LE GATT.</summary>
    Ble,

    /// <summary><c>console</c>: hex lines relayed by a person or a pipe.</summary>
    Console,

    /// <summary><c>sim</c>: a simulated device started in this process, reached over HTTP on loopback.</summary>
    Sim,
}

/// <summary>The text and link kind of each <see cref="TransportName"/>: the one place the names are spelled.</summary>
public static class TransportNameExtensions
{
    private static readonly string[] TextByName = ["softap", "httpd", "ble", "console", "sim"];

    extension(TransportName name)
    {
        /// <summary>The name as the command line and QR payloads write it (<c>softap</c>, <c>ble</c>, …).</summary>
        public string Text => TextByName[(int)name];

        /// <summary>The link this name stands for.</summary>
        public TransportKind Kind => name switch
        {
            TransportName.Ble => TransportKind.Ble,
            TransportName.Console => TransportKind.Console,
            _ => TransportKind.Http,
        };
    }

    extension(TransportName)
    {
        /// <summary>Every name, in declaration order.</summary>
        public static IReadOnlyList<string> Texts => TextByName;

        /// <summary>The name for <paramref name="text"/>, ignoring case; no other spellings.</summary>
        public static bool TryParse(string? text, out TransportName name)
        {
            var index = Array.FindIndex(TextByName, t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase));
            name = index >= 0 ? (TransportName)index : default;
            return index >= 0;
        }

        /// <summary>How a device on <paramref name="kind"/> names its transport in its QR payload (HTTP: <c>softap</c>).</summary>
        public static TransportName ForLink(TransportKind kind) => kind switch
        {
            TransportKind.Ble => TransportName.Ble,
            TransportKind.Console => TransportName.Console,
            _ => TransportName.SoftAp,
        };
    }
}
