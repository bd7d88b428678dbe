namespace EspProv.Flows;

/// <summary>The steps of a provisioning run, as reported to <see cref="Provisioner.Progress"/>.</summary>
public enum ProvisioningStage
{
    /// <summary>proto-ver read.</summary>
    DeviceInfo,

    /// <summary>Security scheme chosen.</summary>
    SecuritySelected,

    /// <summary>Protocol version checked.</summary>
    VersionVerified,

    /// <summary>Secure session established.</summary>
    SessionEstablished,

    /// <summary>Custom data sent and answered.</summary>
    CustomData,

    /// <summary>Wi-Fi scan finished.</summary>
    Scanned,

    /// <summary>Credentials or dataset sent.</summary>
    ConfigSent,

    /// <summary>Config applied.</summary>
    ConfigApplied,

    /// <summary>A status poll answered (connecting, attempt failed…).</summary>
    Status,

    /// <summary>The device reported a failure and a retry begins.</summary>
    Retrying,

    /// <summary>prov-ctrl reset or reprov done.</summary>
    Control,

    /// <summary>Connected or attached.</summary>
    Done,

    /// <summary>Something the user should know about the session's safety (a <c>code</c> field names it).</summary>
    Warning,
}
