namespace EspProv.Errors;

/// <summary>What went wrong with the link to the device.</summary>
public enum TransportFailure
{
    /// <summary>The host name could not be resolved.</summary>
    UnresolvedHost,

    /// <summary>The device refused or did not accept the connection.</summary>
    ConnectionRefused,

    /// <summary>The device closed the connection without answering (ESP-IDF does this on any handler error).</summary>
    ClosedWithoutResponse,

    /// <summary>The device did not answer in time.</summary>
    Timeout,

    /// <summary>The device answered with an HTTP error status.</summary>
    HttpError,

    /// <summary>The device answered with something that is not a valid transport frame.</summary>
    InvalidResponse,

    /// <summary>The device does not have the requested endpoint.</summary>
    UnknownEndpoint,

    /// <summary>Any other I/O failure.</summary>
    IoError,

    /// <summary>No device matching the requested name or address was found (BLE scan).</summary>
    DeviceNotFound,
}
