using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Flows;

/// <summary>
/// Which security scheme a session uses, from what the caller gave and what the device announced.
/// proto-ver is unauthenticated, so the announcement may raise the session above what the credentials
/// call for, never lower it: an impostor would announce security 0 and read the passphrase. An
/// explicitly requested scheme is the caller's floor instead of the credentials'.
/// </summary>
internal static class SecuritySelection
{
    public static (SecurityVersion Scheme, SecurityLevel Level) Choose(SessionRequest request, DeviceInfo device)
    {
        SecurityVersion scheme;
        if (request.Security is { } explicitScheme)
        {
            if (device.Security is { } announced && announced != explicitScheme)
            {
                if (announced < explicitScheme)
                {
                    throw new SecurityDowngradeException(LevelOf(announced, device), LevelOf(explicitScheme, request), requestedExplicitly: true);
                }

                throw new SecuritySchemeMismatchException(explicitScheme, announced, $"The device uses security {(int)announced}, but security {(int)explicitScheme} was requested; let the device choose, or request security {(int)announced}.");
            }

            scheme = explicitScheme;
        }
        else if (device.Security is { } fromDevice)
        {
            scheme = fromDevice;
        }
        else if (device.IsJson)
        {
            // IDF 4.4 devices have no sec_ver: esp_prov's rule, no_sec means 0, otherwise 1.
            scheme = device.Has(Capability.NoSec) ? SecurityVersion.Sec0 : SecurityVersion.Sec1;
        }
        else
        {
            throw new MissingInputException(MissingInput.SecurityScheme, "Security capabilities could not be determined: the security scheme must be given explicitly.");
        }

        var level = LevelOf(scheme, device);
        var floor = request.Security is { } requested ? LevelOf(requested, request) : CredentialFloor(request);
        return level < floor && !request.AllowUnauthenticated ? throw new SecurityDowngradeException(level, floor) : (scheme, level);
    }

    private static SecurityLevel CredentialFloor(SessionRequest request) =>
        !string.IsNullOrEmpty(request.Sec2Username) || !string.IsNullOrEmpty(request.Sec2Password) ? SecurityLevel.Sec2
        : !string.IsNullOrEmpty(request.ProofOfPossession) ? SecurityLevel.Sec1
        : SecurityLevel.Sec0;

    private static SecurityLevel LevelOf(SecurityVersion scheme, DeviceInfo device) => scheme switch
    {
        SecurityVersion.Sec0 => SecurityLevel.Sec0,
        SecurityVersion.Sec1 => device.Has(Capability.NoPop) ? SecurityLevel.Sec1WithoutPop : SecurityLevel.Sec1,
        _ => SecurityLevel.Sec2,
    };

    // The level an explicitly requested scheme stands for: security 1 with a PoP only if one was given.
    private static SecurityLevel LevelOf(SecurityVersion scheme, SessionRequest request) => scheme switch
    {
        SecurityVersion.Sec0 => SecurityLevel.Sec0,
        SecurityVersion.Sec1 => string.IsNullOrEmpty(request.ProofOfPossession) ? SecurityLevel.Sec1WithoutPop : SecurityLevel.Sec1,
        _ => SecurityLevel.Sec2,
    };
}
