using EspProv.Errors;
using EspProv.Transport.Ble;
using EspProv.Wifi.NetworkManager;
using ThreadAttachFailedReason = EspProv.Protocol.NetworkProv.ThreadAttachFailedReason;
using EspProv.Protocol.WifiProv;

namespace EspProv.Cli.Output;

/// <summary>
/// The documented exit codes (README, "Exit codes") and the stable error codes of <c>--json</c>.
/// Each failure class has its own code so scripts can react without parsing text.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Internal = 1;
    public const int Usage = 2;
    public const int Transport = 3;
    public const int Session = 4;
    public const int DeviceRejected = 5;
    public const int WifiAuth = 6;
    public const int WifiNotFound = 7;
    public const int Timeout = 8;
    public const int Protocol = 9;
    public const int ThreadAttach = 10;
    public const int Incompatible = 11;

    /// <summary><c>esp-prov batch</c>: at least one device failed (each device's own code is in the report).</summary>
    public const int BatchFailed = 12;

    /// <summary>stdout could not be written (a full disk, an I/O error); the error line goes to stderr.</summary>
    public const int OutputFailed = 13;
    public const int Cancelled = 130;

    /// <summary>Maps an exception to (exit code, JSON error code).</summary>
    public static (int Code, string Error) Classify(Exception exception) => exception switch
    {
        MissingInputException => (Usage, "missing_input"),
        UsageException => (Usage, "usage"),
        TransportException { Failure: TransportFailure.Timeout } => (Transport, "transport_timeout"),
        TransportException { Failure: TransportFailure.UnknownEndpoint } => (Incompatible, "unknown_endpoint"),
        TransportException { Failure: TransportFailure.DeviceNotFound } => (Transport, "device_not_found"),
        TransportException => (Transport, "transport"),
        BlePairingRequiredException => (Transport, "pairing_required"),
        WrongProofOfPossessionException => (Session, "wrong_pop"),
        WrongSrpCredentialsException => (Session, "wrong_credentials"),
        SecurityDowngradeException => (Session, "security_downgrade"),
        SecuritySchemeMismatchException => (Session, "security_mismatch"),
        DeviceAuthenticationException => (Session, "device_not_verified"),
        DecryptionFailedException => (Session, "decryption_failed"),
        SessionException => (Session, "session"),
        DeviceStatusException => (DeviceRejected, "device_rejected"),
        WifiConnectionFailedException { Reason: WifiConnectFailedReason.AuthError } => (WifiAuth, "wifi_auth_error"),
        WifiConnectionFailedException => (WifiNotFound, "wifi_network_not_found"),
        ThreadAttachFailedException { Reason: ThreadAttachFailedReason.DatasetInvalid } => (ThreadAttach, "thread_dataset_invalid"),
        ThreadAttachFailedException => (ThreadAttach, "thread_network_not_found"),
        ProvisioningTimeoutException => (Timeout, "timeout"),
        ProtocolException => (Protocol, "protocol"),
        UnsupportedCapabilityException or ProtocolVersionMismatchException => (Incompatible, "incompatible_device"),
        OperationCanceledException => (Cancelled, "cancelled"),
        EspProv.Flows.Batch.BatchReportWriteException => (BatchFailed, "report_write_failed"),
        OutputFailedException => (OutputFailed, "output_failed"),
        // A backend failure the BLE layer did not translate (it should): still the link, not a bug of this tool.
        BleGattException or BleUnavailableException or IOException => (Transport, "transport"),
        NetworkManagerUnavailableException { Reason: NetworkManagerUnavailableReason.PermissionDenied } => (Transport, "softap_join_not_permitted"),
        NetworkManagerUnavailableException => (Transport, "networkmanager_unavailable"),
        WifiDeviceNotFoundException => (Transport, "wifi_device_not_found"),
        AccessPointNotFoundException => (Transport, "softap_not_found"),
        AccessPointAuthenticationException => (Transport, "softap_auth_failed"),
        AccessPointJoinTimeoutException => (Transport, "softap_join_timeout"),
        AccessPointJoinFailedException => (Transport, "softap_join_failed"),
        AccessPointScanFailedException => (Transport, "softap_scan_failed"),
        _ => (Internal, "internal"),
    };
}
