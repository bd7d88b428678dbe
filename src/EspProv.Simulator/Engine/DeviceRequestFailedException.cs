namespace EspProv.Simulator;

/// <summary>
/// The simulated device refused a request where ESP-IDF's handler chain returns an error. Hosts turn
/// it into what the real transport does: HTTP closes the socket without a response, the console
/// prints an ESP-IDF error log line instead of hex, BLE answers with an ATT error.
/// </summary>
public sealed class DeviceRequestFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceRequestFailedException(DeviceFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the request failed.</summary>
    public DeviceFailureReason Reason { get; }
}
