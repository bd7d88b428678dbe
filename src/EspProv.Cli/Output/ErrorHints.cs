using EspProv.Errors;

namespace EspProv.Cli.Output;

/// <summary>
/// What to do next, in command-line terms: the library's messages say what happened and know no flags,
/// so the flag that gets a user past a typed error is named here.
/// </summary>
internal static class ErrorHints
{
    public static string? For(Exception exception) => exception switch
    {
        SecurityDowngradeException { Announced: var announced } =>
            $"If this really is your device, pass {(announced == Security.SecurityLevel.Sec0 ? "--sec_ver 0" : "--allow-insecure")} to accept the weaker session.",
        Ble.BlueZ.BlePairingRequiredException { Declined: false } => "Pass --ble-pair to allow pairing (the bond is removed afterwards unless --ble-keep-bond).",
        _ => null,
    };
}
