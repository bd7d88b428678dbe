using System.Text;
using System.Text.Json;
using EspProv.Security;

namespace EspProv.Protocol;

/// <summary>
/// What a device says about itself on <c>proto-ver</c> (spec section 4): the provisioning version,
/// security scheme and patch level, and capabilities. Legacy devices answer a plain string instead of JSON.
/// </summary>
public sealed class DeviceInfo
{
    private DeviceInfo(string raw, bool isJson, string? version, SecurityVersion? security, int? patch, IReadOnlyList<string> capabilities)
    {
        Raw = raw;
        IsJson = isJson;
        Version = version;
        Security = security;
        Sec2PatchLevel = patch;
        Capabilities = capabilities;
    }

    /// <summary>The response text as the device sent it.</summary>
    public string Raw { get; }

    /// <summary>True when the response is JSON with a <c>prov</c> object.</summary>
    public bool IsJson { get; }

    /// <summary><c>prov.ver</c>, e.g. <c>v1.1</c> or <c>netprov-v1.2</c>.</summary>
    public string? Version { get; }

    /// <summary><c>prov.sec_ver</c> (IDF 5.0+), when present.</summary>
    public SecurityVersion? Security { get; }

    /// <summary>The security 2 patch level, <c>prov.sec_patch_ver</c>, when present (security 0 and 1 devices say 0).</summary>
    public int? Sec2PatchLevel { get; }

    /// <summary><c>prov.cap</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; }

    /// <summary>True when <paramref name="capability"/> is in <c>prov.cap</c> (case-sensitive, as esp_prov).</summary>
    public bool Has(string capability) => Capabilities.Contains(capability, StringComparer.Ordinal);

    /// <summary>True for a network_provisioning device built for Thread.</summary>
    public bool IsThread => Has(Capability.ThreadProv);

    /// <summary>
    /// esp_prov's <c>--proto_ver</c> check: the whole response equals <paramref name="expected"/>
    /// (legacy plain string) or <c>prov.ver</c> does, both case-insensitively.
    /// </summary>
    public bool MatchesVersion(string expected) =>
        Raw.Equals(expected, StringComparison.OrdinalIgnoreCase) || (Version?.Equals(expected, StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Parses a proto-ver response; never throws, a non-JSON answer gives a legacy device.</summary>
    public static DeviceInfo Parse(ReadOnlySpan<byte> response)
    {
        var raw = Encoding.Latin1.GetString(response);
        try
        {
            using var document = JsonDocument.Parse(response.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("prov", out var prov)
                || prov.ValueKind != JsonValueKind.Object)
            {
                return new DeviceInfo(raw, false, null, null, null, []);
            }

            var version = prov.TryGetProperty("ver", out var ver) && ver.ValueKind == JsonValueKind.String ? ver.GetString() : null;
            SecurityVersion? security = prov.TryGetProperty("sec_ver", out var sec) && sec.ValueKind == JsonValueKind.Number && sec.TryGetInt32(out var s) && SecurityVersion.TryFromNumber(s, out var v)
                ? v
                : null;
            int? patch = prov.TryGetProperty("sec_patch_ver", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var pv) ? pv : null;
            var caps = prov.TryGetProperty("cap", out var cap) && cap.ValueKind == JsonValueKind.Array
                ? cap.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToArray()
                : [];
            return new DeviceInfo(raw, true, version, security, patch, caps);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: JsonDocument accepts a string that is not valid UTF-8 and only
            // fails when it is read (GetString); such a reply is no usable JSON either.
            return new DeviceInfo(raw, false, null, null, null, []);
        }
    }
}
