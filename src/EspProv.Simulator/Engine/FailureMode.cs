namespace EspProv.Simulator;

/// <summary>How the simulated station's connection attempt ends.</summary>
public enum FailureMode
{
    /// <summary>The station connects (Thread: attaches).</summary>
    None,

    /// <summary>Wrong passphrase: <c>ConnectionFailed</c> with <c>AuthError</c> (Thread: <c>DatasetInvalid</c>).</summary>
    Auth,

    /// <summary>No such network: <c>ConnectionFailed</c> with <c>NetworkNotFound</c> (Thread: <c>ThreadNetworkNotFound</c>).</summary>
    NotFound,
}
