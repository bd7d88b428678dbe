namespace EspProv.Simulator;

/// <summary>
/// How provisioning ends. Wi-Fi and Thread fail in different places on network_provisioning, so each
/// flavour has its own members; <see cref="DeviceOptions.Validate"/> refuses one that cannot happen there.
/// </summary>
public enum FailureMode
{
    /// <summary>The station connects (Thread: attaches).</summary>
    None,

    /// <summary>Wi-Fi only, wrong passphrase: <c>ConnectionFailed</c> with <c>AuthError</c>.</summary>
    Auth,

    /// <summary>
    /// No such network. Wi-Fi: <c>ConnectionFailed</c> with <c>NetworkNotFound</c>. Thread: the
    /// component's 20 s attach timer ran out, <c>AttachingFailed</c> with <c>ThreadNetworkNotFound</c>
    /// (the only attach failure after a successful ApplyThreadConfig).
    /// </summary>
    NotFound,

    /// <summary>
    /// Thread only: the dataset does not parse, whatever was sent. ApplyThreadConfig answers
    /// <c>InternalError</c> and the status polls after it say <c>AttachingFailed</c> with <c>DatasetInvalid</c>.
    /// </summary>
    DatasetInvalid,
}
