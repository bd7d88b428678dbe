using System.Text;
using System.Text.Json;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>
/// The provisioning QR code text the ESP-IDF example prints:
/// <c>{"ver":"v1","name":"PROV_…","pop":"…","transport":"softap"}</c>. Security 1 carries the PoP, as
/// real devices do; security 2 carries the username only (the password is never printed).
/// </summary>
public static class QrPayload
{
    /// <summary>Builds the payload for <paramref name="device"/> on <paramref name="transport"/>.</summary>
    public static string Build(SimulatedDevice device, SimulatorTransport transport) =>
        Build(device, transport == SimulatorTransport.Httpd ? "softap" : "console");

    /// <summary>Builds the payload with the transport named as the phone apps expect (<c>softap</c>, <c>ble</c>, …).</summary>
    public static string Build(SimulatedDevice device, string transport)
    {
        ArgumentNullException.ThrowIfNull(device);
        var options = device.Options;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("ver", "v1");
            json.WriteString("name", device.ServiceName);
            if (options.Security == SecurityVersion.Sec2)
            {
                json.WriteString("username", options.Sec2Username);
            }
            else if (options.Security == SecurityVersion.Sec1 && !options.RunsWithoutPop)
            {
                json.WriteString("pop", options.Pop);
            }

            json.WriteString("transport", transport);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
