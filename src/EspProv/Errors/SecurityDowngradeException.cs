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
    /// <param name="announced">What the device announced.</param>
    /// <param name="required">The weakest session the caller's input allows.</param>
    /// <param name="requestedExplicitly">The floor is a scheme the caller asked for by number, not one inferred from credentials.</param>
    public SecurityDowngradeException(SecurityLevel announced, SecurityLevel required, bool requestedExplicitly = false)
        : base($"The device announced {announced.Describe()}, weaker than the {required.Describe()} that the given credentials call for; no credentials were sent (an impostor can announce any scheme).")
    {
        Announced = announced;
        Required = required;
        RequestedExplicitly = requestedExplicitly;
    }

    /// <summary>True when the caller asked for the scheme by number; accepting less then means asking for less.</summary>
    public bool RequestedExplicitly { get; }

    /// <summary>What the device announced.</summary>
    public SecurityLevel Announced { get; }

    /// <summary>The weakest session the credentials allow.</summary>
    public SecurityLevel Required { get; }
}
