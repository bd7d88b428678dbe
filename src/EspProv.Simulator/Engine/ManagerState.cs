namespace EspProv.Simulator;

/// <summary>The provisioning manager's state (<c>wifi_prov_mgr_state_t</c>, spec section 9).</summary>
public enum ManagerState
{
    /// <summary>Serving and waiting for credentials.</summary>
    Started,

    /// <summary>Credentials applied; the station is connecting.</summary>
    CredentialsReceived,

    /// <summary>The connection failed for good; CtrlReset is allowed.</summary>
    Failed,

    /// <summary>The station got an IP (Thread: attached).</summary>
    Succeeded,

    /// <summary>Provisioning stopped; endpoints are gone.</summary>
    Stopped,
}
