using System.Text.Json;
using EspProv.Security;

namespace EspProv.Simulator.Tests.Support;

/// <summary>One esp-prov-v5.5.5 recording (see the fixtures README), reduced to what device-side tests need.</summary>
internal sealed class Fixture
{
    private Fixture(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public static IEnumerable<string> Names => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json")
        .Select(Path.GetFileNameWithoutExtension)
        .Order(StringComparer.Ordinal)!;

    public string Name { get; }

    public JsonElement Root { get; }

    public JsonElement Device => Root.GetProperty("device");

    public JsonElement Client => Root.GetProperty("client");

    public static Fixture Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"));
        using var document = JsonDocument.Parse(text);
        return new Fixture(name, document.RootElement.Clone());
    }

    public IEnumerable<JsonElement> Exchanges => Root.GetProperty("exchanges").EnumerateArray();

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
    public static void AssertPlainEqual(JsonElement exchange, byte[] actual)
    {
        var expected = Hex.Bytes(exchange.GetProperty("response_plain_hex").GetString()!);
        var copy = actual.ToArray();
        if (exchange.TryGetProperty("response_plain_unreliable_bytes", out var mask) && mask.ValueKind == JsonValueKind.Object)
        {
            var offset = mask.GetProperty("offset").GetInt32();
            var length = mask.GetProperty("length").GetInt32();
            Assert.True(copy.Length >= offset + length, "response too short for the unreliable-byte mask");
            expected.AsSpan(offset, length).Clear();
            copy.AsSpan(offset, length).Clear();
        }

        Assert.Equal(Hex.Of(expected), Hex.Of(copy));
    }
}
