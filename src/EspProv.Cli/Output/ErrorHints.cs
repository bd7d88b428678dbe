using EspProv.Errors;
using EspProv.Security;

namespace EspProv.Cli.Output;

/// <summary>
/// What to do next, in command-line terms: the library's messages say what happened and know no flags,
/// so the flag that gets a user past a typed error is named here.
/// </summary>
internal static class ErrorHints
{
    public static string? For(Exception exception) => exception switch
    {
        MissingInputException { What: var what } => what switch
        {
            MissingInput.SecurityScheme => "Pass --sec_ver.",
            MissingInput.ProofOfPossession => "Pass --pop (or --pop-file, ESP_PROV_POP).",
            MissingInput.Sec2Username => "Pass --sec2_username.",
            MissingInput.Sec2Password => "Pass --sec2_pwd (or --sec2-pwd-file, ESP_PROV_SEC2_PWD).",
            MissingInput.Ssid => "Pass --ssid (or --ssid-hex).",
            MissingInput.Passphrase => "Pass --passphrase (empty for an open network; or --passphrase-file, ESP_PROV_PASSPHRASE).",
            MissingInput.ThreadDataset or MissingInput.ThreadNetworkKey => "Pass --dataset_tlvs (or --dataset-tlvs-file).",
            MissingInput.Device => "Pass --service_name.",
            _ => null,
        },
        SecurityDowngradeException { RequestedExplicitly: true } =>
            "If this really is your device, request the scheme it announces with --sec_ver (or omit --sec_ver).",
        SecurityDowngradeException { Announced: var announced } =>
            $"If this really is your device, pass {(announced == SecurityLevel.Sec0 ? "--sec_ver 0" : "--allow-insecure")} to accept the weaker session.",
        SecuritySchemeMismatchException => "Check --sec_ver, or omit it to let the device choose.",
        WrongProofOfPossessionException => "Check --pop.",
        WrongSrpCredentialsException => "Check --sec2_username and --sec2_pwd.",
        UnsupportedCapabilityException { Capability: "wifi_scan" } => "Pass --ssid.",
        WifiConnectionFailedException { Reason: Protocol.WifiProv.WifiConnectFailedReason.AuthError } =>
            "Check the passphrase: --retry asks for a new one on a terminal and tries again in the same session; a device left in the failed state takes new credentials after --reset.",
        TransportException { Failure: TransportFailure.ConnectionRefused or TransportFailure.UnresolvedHost } =>
            "Is the device running and in provisioning mode, and is this computer joined to its softAP (or on its network)? Check --service_name.",
        TransportException { Failure: TransportFailure.UnknownEndpoint, Endpoint: "proto-ver" } =>
            "The device answers HTTP but not provisioning: it has most likely finished or stopped provisioning (ESP-IDF stops the service after success). Restart it in provisioning mode.",
        DeviceStatusException { Operation: "ApplyConfig" or "ApplyThreadConfig", Status: Protocol.Protocomm.Status.InternalError } =>
            "The device already took credentials in this provisioning run (a failed or ongoing attempt): --reset returns it to accepting new ones, then provision again.",
        DeviceStatusException { Operation: var operation, Status: Protocol.Protocomm.Status.InternalError } when operation.EndsWith("reset", StringComparison.Ordinal) =>
            "Reset is only for a device whose last attempt failed; this one is not in that state (it may be connected already, or have nothing to reset).",
        DeviceStatusException { Operation: var operation, Status: Protocol.Protocomm.Status.InternalError } when operation.EndsWith("reprovisioning", StringComparison.Ordinal) =>
            "Reprovisioning needs firmware that keeps provisioning running after success (wifi_prov_mgr_disable_auto_stop).",
        Wifi.NetworkManager.AccessPointAuthenticationException => "Check --join-password (the firmware's softAP password, its service_key).",
        Wifi.NetworkManager.AccessPointNotFoundException => "Check the AP name (esp-prov discover --softap lists them); the device may have left provisioning mode.",
        Wifi.NetworkManager.NetworkManagerUnavailableException { Reason: not Wifi.NetworkManager.NetworkManagerUnavailableReason.PermissionDenied } => "Without NetworkManager, join the device's AP by hand (and leave out --join).",
        Wifi.NetworkManager.WifiDeviceNotFoundException => "Name the Wi-Fi interface with --wifi-interface, or join the device's AP by hand and run without --join.",
        BlePairingRequiredException { Declined: false } => "Pass --ble-pair to allow pairing (the bond is removed afterwards unless --ble-keep-bond).",
        _ => null,
    };
}
