using System.Text.Json;

namespace EspProv.Tests.Support;

/// <summary>One recorded esp_prov v5.5.5 conversation (tests/EspProv.Tests/Fixtures, see its README).</summary>
internal sealed class Fixture
{
    private Fixture(JsonElement root)
    {
        Root = root;
        Exchanges = root.GetProperty("exchanges").EnumerateArray().Select(e => new Exchange(
            e.GetProperty("endpoint").GetString()!,
            Hex.Bytes(e.GetProperty("request_hex").GetString()!),
            e.GetProperty("response_hex").ValueKind == JsonValueKind.String ? Hex.Bytes(e.GetProperty("response_hex").GetString()!) : null,
            e.TryGetProperty("request_plain_hex", out var rp) && rp.ValueKind == JsonValueKind.String ? Hex.Bytes(rp.GetString()!) : null,
            e.TryGetProperty("response_plain_hex", out var sp) && sp.ValueKind == JsonValueKind.String ? Hex.Bytes(sp.GetString()!) : null,
            UnreliableBytes(e))).ToArray();
    }

    public JsonElement Root { get; }

    public IReadOnlyList<Exchange> Exchanges { get; }

    public JsonElement Device => Root.GetProperty("device");

    public JsonElement Client => Root.GetProperty("client");

    public string ProtoVerResponse => Device.GetProperty("proto_ver_response").GetString()!;

    public string? Pinned(string name) =>
        Client.GetProperty("pinned") is { ValueKind: JsonValueKind.Object } pinned && pinned.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static Fixture Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "esp-prov-v5.5.5", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new Fixture(document.RootElement.Clone());
    }

    private static (int Offset, int Length)? UnreliableBytes(JsonElement exchange)
    {
        if (!exchange.TryGetProperty("response_plain_unreliable_bytes", out var u) || u.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (u.GetProperty("offset").GetInt32(), u.GetProperty("length").GetInt32());
    }

    internal sealed record Exchange(string Endpoint, byte[] Request, byte[]? Response, byte[]? RequestPlain, byte[]? ResponsePlain, (int Offset, int Length)? Unreliable);
}
