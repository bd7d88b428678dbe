using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EspProv.Model;

/// <summary>
/// The JSON that ESP devices print (and show as a QR code) for the phone apps:
/// <c>{"ver":"v1","name":"PROV_…","username":"…","pop":"…","transport":"ble"|"softap","security":2,"password":"…","network":"wifi"|"thread"}</c>,
/// every member but <c>ver</c> optional.
/// </summary>
/// <param name="Name">The service name (BLE name or softAP SSID).</param>
/// <param name="Pop">The security 1 proof of possession, or the security 2 password (see <see cref="Sec2Password"/>).</param>
/// <param name="Transport">The transport name as the device wrote it (see <see cref="Transport.TransportName"/>).</param>
/// <param name="Security">The security scheme number, when given.</param>
/// <param name="Username">The security 2 username.</param>
/// <param name="Password">The security 2 password.</param>
/// <param name="Network">The network type, <c>wifi</c> or <c>thread</c>.</param>
public sealed record QrPayload(string? Name, string? Pop, string? Transport, int? Security, string? Username, string? Password, string? Network)
{
    /// <summary>The only payload version there is.</summary>
    public const string Version = "v1";

    /// <summary>
    /// The payload is for a security 2 device: <c>security</c> says 2, or, without <c>security</c>, a
    /// <c>username</c> is given (ESP-IDF's security 2 examples print no <c>security</c> member).
    /// </summary>
    public bool IsSecurity2 => Security is null ? Username is not null : Security == 2;

    /// <summary>The security 1 proof of possession: <see cref="Pop"/> unless the payload is for security 2.</summary>
    public string? ProofOfPossession => IsSecurity2 ? null : Pop;

    /// <summary>
    /// The security 2 password: <see cref="Password"/>, else <see cref="Pop"/> of a security 2 payload, where
    /// ESP-IDF's examples and the phone apps put it.
    /// </summary>
    public string? Sec2Password => Password ?? (IsSecurity2 ? Pop : null);

    /// <summary>Parses a payload; members of the wrong JSON type count as absent, and <c>security</c> may be a number or a numeric string.</summary>
    /// <exception cref="QrPayloadFormatException">Not a JSON object, or a string in it is not valid text.</exception>
    public static QrPayload Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new QrPayloadFormatException(QrPayloadFormatError.NotAnObject, "A QR payload is a JSON object.");
            }

            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            int? security = root.TryGetProperty("security", out var s)
                ? s.ValueKind switch
                {
                    JsonValueKind.Number when s.TryGetInt32(out var n) => n,
                    JsonValueKind.String when int.TryParse(s.GetString(), out var n) => n,
                    _ => null,
                }
                : null;
            return new QrPayload(Text("name"), Text("pop"), Text("transport"), security, Text("username"), Text("password"), Text("network"));
        }
        catch (JsonException ex)
        {
            throw new QrPayloadFormatException(QrPayloadFormatError.NotJson, ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument accepts an escaped lone surrogate ("\ud800"); GetString() then refuses it.
            throw new QrPayloadFormatException(QrPayloadFormatError.NotText, ex.Message, ex);
        }
    }

    /// <summary>The payload as a device prints it: <c>ver</c>, then the members that are set, in ESP-IDF's order.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("ver", Version);
            WriteIfSet(json, "name", Name);
            WriteIfSet(json, "username", Username);
            WriteIfSet(json, "pop", Pop);
            WriteIfSet(json, "transport", Transport);
            if (Security is { } security)
            {
                json.WriteNumber("security", security);
            }

            WriteIfSet(json, "password", Password);
            WriteIfSet(json, "network", Network);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Names the members, never the secrets.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"QrPayload {{ Name = {Name}, Transport = {Transport}, Security = {Security}, Username = {Username}, Network = {Network} }}");

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
