namespace EspProv.Simulator;

/// <summary>The simulated Thread interface as network_provisioning tracks it.</summary>
public enum ThreadState
{
    /// <summary>Attaching, and the initial value before any ApplyThreadConfig (wire: Attaching).</summary>
    Attaching,

    /// <summary>Attached (wire: Attached with <c>thread_attached{…}</c>).</summary>
    Attached,

    /// <summary>Failed (wire: AttachingFailed with <c>thread_fail_reason</c>).</summary>
    Detached,
}
