using System.Text.Json;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Testing;

/// <summary>
/// One recorded esp_prov v5.5.5 conversation (tests/EspProv.Tests/Fixtures, see its README): the client
/// tests replay its requests byte for byte, the simulator tests answer them.
/// </summary>
public sealed class Fixture
{
    private Fixture(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        Exchanges = root.GetProperty("exchanges").EnumerateArray().Select(e => new Exchange(
            e.GetProperty("endpoint").GetString()!,
            Hex.Bytes(e.GetProperty("request_hex").GetString()!),
            e.GetProperty("response_hex") is { ValueKind: JsonValueKind.String } response ? Hex.Bytes(response.GetString()!) : null,
            OptionalHex(e, "request_plain_hex"),
            OptionalHex(e, "response_plain_hex"),
            UnreliableBytes(e),
            e.TryGetProperty("device_closed", out var closed) && closed.GetBoolean())).ToArray();
    }

    /// <summary>
    /// Copied next to every test assembly that references this project, so a fresh clone needs nothing
    /// from outside the repository.
    /// </summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "esp-prov-v5.5.5");

    /// <summary>Every recording, in a stable order so that theory rows keep their names from run to run.</summary>
    public static IReadOnlyList<string> Names => Directory.GetFiles(Folder, "*.json")
        .Select(f => Path.GetFileNameWithoutExtension(f))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public string Name { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<Exchange> Exchanges { get; }

    public JsonElement Device => Root.GetProperty("device");

    public JsonElement Client => Root.GetProperty("client");

    public string ProtoVerResponse => Device.GetProperty("proto_ver_response").GetString()!;

    public static Fixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));
        return new Fixture(name, document.RootElement.Clone());
    }

    /// <summary>A random value the recording pinned on the client side, so that its requests can be reproduced.</summary>
    public string? Pinned(string name) =>
        Client.GetProperty("pinned") is { ValueKind: JsonValueKind.Object } pinned && pinned.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public string? ClientString(string name) => Client.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The device settings of the recording, on the simulator.</summary>
    public DeviceOptions Options(SecurityVersion? overrideSecurity = null)
    {
        var device = Device;
        var fail = device.GetProperty("fail").ValueKind == JsonValueKind.Null ? null : device.GetProperty("fail").GetString();
        return new DeviceOptions
        {
            Security = overrideSecurity ?? (SecurityVersion)device.GetProperty("sec_ver").GetInt32(),
            Sec2PatchLevel = device.GetProperty("sec_ver").GetInt32() == 2 ? device.GetProperty("sec_patch_ver").GetInt32() : 1,
            Pop = device.TryGetProperty("pop", out var pop) && pop.ValueKind == JsonValueKind.String ? pop.GetString() : null,
            NoPop = device.TryGetProperty("no_pop", out var noPop) && noPop.GetBoolean(),
            ScanCount = device.GetProperty("scan_count").GetInt32(),
            ConnectAfterPolls = device.GetProperty("connect_after_polls").GetInt32(),
            Fail = fail switch { "auth" => FailureMode.Auth, "notfound" => FailureMode.NotFound, _ => FailureMode.None },
            ConnAttempts = device.GetProperty("conn_attempts").GetInt32(),
            NoAutoStop = device.GetProperty("reprov_allowed").GetBoolean(),
        };
    }

    /// <summary>Compares a decrypted response with the recording, skipping the bytes the README marks as undefined.</summary>
    public static void AssertPlainEqual(Exchange exchange, byte[] actual)
    {
        Assert.NotNull(exchange.ResponsePlain);
        var expected = exchange.ResponsePlain.ToArray();
        var copy = actual.ToArray();
        if (exchange.Unreliable is var (offset, length))
        {
            Assert.True(copy.Length >= offset + length, "response too short for the unreliable-byte mask");
            expected.AsSpan(offset, length).Clear();
            copy.AsSpan(offset, length).Clear();
        }

        Assert.Equal(Hex.Of(expected), Hex.Of(copy));
    }

    private static byte[]? OptionalHex(JsonElement exchange, string name) =>
        exchange.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Hex.Bytes(value.GetString()!) : null;

    private static (int Offset, int Length)? UnreliableBytes(JsonElement exchange)
    {
        if (!exchange.TryGetProperty("response_plain_unreliable_bytes", out var u) || u.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (u.GetProperty("offset").GetInt32(), u.GetProperty("length").GetInt32());
    }

    /// <summary>
    /// One request and its answer. <see cref="Response"/> is null where the device closed the connection
    /// instead of answering; the plaintexts are null where the recording has none (proto-ver, the handshake).
    /// </summary>
    public sealed record Exchange(
        string Endpoint,
        byte[] Request,
        byte[]? Response,
        byte[]? RequestPlain,
        byte[]? ResponsePlain,
        (int Offset, int Length)? Unreliable,
        bool DeviceClosed);
}
