using EspProv.Crypto;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>Builds the core's device half of the configured scheme.</summary>
internal static class DeviceSecurityFactory
{
    /// <summary>The wifi_prov_mgr example salt (spec 11.1).</summary>
    public static ReadOnlySpan<byte> ExampleSalt => [0x03, 0x6e, 0xe0, 0xc7, 0xbc, 0xb9, 0xed, 0xa8, 0x4c, 0x9e, 0xac, 0x97, 0xd9, 0x3d, 0xec, 0xf4];

    public static IDeviceSecurity Create(DeviceOptions options, IRandomSource random)
    {
        switch (options.Security)
        {
            case SecurityVersion.Sec0:
                return new Security0Device();
            case SecurityVersion.Sec1:
                var pop = options.RunsWithoutPop ? [] : System.Text.Encoding.UTF8.GetBytes(options.Pop!);
                return new Security1Device(pop, random);
            default:
                var salt = options.Sec2Salt ?? ExampleSalt.ToArray();
                var verifier = options.Sec2Verifier ?? Sec2Credentials.FromSalt(options.Sec2Username, options.Sec2Password, salt).Verifier;
                return new Security2Device(salt, verifier, options.Sec2PatchLevel, random);
        }
    }
}
