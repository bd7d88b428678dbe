using EspProv.Crypto;
using EspProv.Model;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>Builds the core's device half of the configured scheme.</summary>
internal static class DeviceSecurityFactory
{
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
                var salt = options.Sec2Salt ?? ExampleFirmware.Sec2Salt.ToArray();
                var verifier = options.Sec2Verifier ?? Sec2Credentials.FromSalt(options.Sec2Username, options.Sec2Password, salt).Verifier;
                return new Security2Device(salt, verifier, options.Sec2PatchLevel, random);
        }
    }
}
