using EspProv.Security;

namespace EspProv.Errors;

/// <summary>
/// The device announced a weaker session than the caller's credentials call for (security 0, or
/// security 1 without a proof of possession, where a PoP or security 2 credentials were given).
/// proto-ver is unauthenticated, so an impostor can announce anything: the run stops before any
/// credential is sent unless the caller explicitly accepts an unauthenticated session.
/// </summary>
public sealed class SecurityDowngradeException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SecurityDowngradeException(SecurityLevel announced, SecurityLevel required)
        : base($"The device announced {announced.Describe()}, weaker than the {required.Describe()} that the given credentials call for; no credentials were sent (an impostor can announce any scheme).")
    {
        Announced = announced;
        Required = required;
    }

    /// <summary>What the device announced.</summary>
    public SecurityLevel Announced { get; }

    /// <summary>The weakest session the credentials allow.</summary>
    public SecurityLevel Required { get; }
}
