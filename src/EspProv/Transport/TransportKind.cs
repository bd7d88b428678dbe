namespace EspProv.Transport;

/// <summary>The transport families of protocomm.</summary>
public enum TransportKind
{
    /// <summary>HTTP POST per endpoint (esp_prov's <c>softap</c> and <c>httpd</c>).</summary>
    Http,

    /// <summary>Bluetooth LE GATT: write then read one characteristic per endpoint.</summary>
    Ble,

    /// <summary>Console (UART) lines of hex, relayed by a person or a pipe.</summary>
    Console,
}
