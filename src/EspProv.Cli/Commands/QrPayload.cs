using System.Text.Json;

namespace EspProv.Cli.Commands;

/// <summary>
/// The JSON that ESP devices print (and show as a QR code) for the phone apps:
/// <c>{"ver":"v1","name":"PROV_…","pop":"…","transport":"ble"|"softap","security":2,"username":"…","password":"…","network":"wifi"|"thread"}</c>.
/// </summary>
internal sealed record QrPayload(string? Name, string? Pop, string? Transport, int? Security, string? Username, string? Password, string? Network)
{
    public static QrPayload Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new Output.UsageException("--qrcode expects the JSON object a device prints, e.g. {\"ver\":\"v1\",\"name\":\"PROV_123ABC\",\"pop\":\"abcd1234\",\"transport\":\"ble\"}.");
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
            throw new Output.UsageException($"--qrcode is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument accepts an escaped lone surrogate ("\ud800"); GetString() then refuses it.
            throw new Output.UsageException($"--qrcode holds a string that is not valid text: {ex.Message}");
        }
    }
}
