namespace EspProv.Errors;

/// <summary>
/// The device failed to prove that it shares the session key (security 1 verify token or security 2
/// H_AMK). Nothing secret was sent to it; treat it as an impostor or a broken firmware.
/// </summary>
public sealed class DeviceAuthenticationException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public DeviceAuthenticationException(string message)
        : base(message)
    {
    }
}
