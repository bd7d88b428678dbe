using System.Text;
using EspProv.Crypto;

namespace EspProv.Security;

/// <summary>
/// A security 2 salt/verifier pair, what a device stores instead of the password. Generated the way
/// <c>esp_prov --sec2_gen_cred</c> does it, so its output can be pasted into firmware unchanged.
/// </summary>
public sealed record Sec2Credentials(byte[] Salt, byte[] Verifier)
{
    /// <summary>The salt length esp_prov uses by default.</summary>
    public const int DefaultSaltLength = 16;

    /// <summary>
    /// Generates a pair for <paramref name="username"/> and <paramref name="password"/>. The salt is
    /// <paramref name="saltLength"/> random bytes, re-encoded without leading zeros as esp_prov does
    /// (so it is one byte shorter 1 time in 256).
    /// </summary>
    public static Sec2Credentials Generate(string username, string password, int saltLength = DefaultSaltLength, IRandomSource? random = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(saltLength, 1);
        var raw = new byte[saltLength];
        (random ?? SystemRandomSource.Instance).Fill(raw);
        var salt = Srp6aGroup.StripLeadingZeros(raw).ToArray();
        return FromSalt(username, password, salt);
    }

    /// <summary>Computes the verifier for a given salt.</summary>
    public static Sec2Credentials FromSalt(string username, string password, byte[] salt)
    {
        var x = Srp6aGroup.ComputeX(salt, Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(password));
        var verifier = Srp6aGroup.Minimal(Srp6aGroup.ModPow(Srp6aGroup.G, x, Srp6aGroup.HashBits));
        return new Sec2Credentials(salt, verifier);
    }

    /// <summary>The text esp_prov prints: a banner and two C arrays (spec section 5.3.2).</summary>
    public string ToCArrays()
    {
        var text = new StringBuilder();
        text.Append("==== Salt-verifier for security scheme 2 (SRP6a) ====\n");
        AppendArray(text, "sec2_salt", Salt);
        AppendArray(text, "sec2_verifier", Verifier);
        return text.ToString();
    }

    private static void AppendArray(StringBuilder text, string name, byte[] bytes)
    {
        var joined = string.Join(", ", bytes.Select(b => $"0x{b:x2}"));
        text.Append("static const char ").Append(name).Append("[] = {\n");
        for (var i = 0; i < joined.Length; i += 96)
        {
            text.Append("    ").Append(joined.AsSpan(i, Math.Min(96, joined.Length - i))).Append('\n');
        }

        text.Append("};\n\n");
    }
}
