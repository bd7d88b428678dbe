using EspProv.Model;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.Protocomm;

namespace EspProv.Simulator;

/// <summary>
/// The simulated provisioning manager and radio (manager.c state rules, spec sections 7.1, 7.3, 9, 10).
/// Time-driven transitions are evaluated lazily when a client polls, so nothing runs in the
/// background and tests control progress with poll counts or a fake <see cref="TimeProvider"/>.
/// Not thread-safe: <see cref="SimulatedDevice"/> serialises every call.
/// </summary>
internal sealed class ProvisioningManager
{
    private readonly DeviceOptions _options;
    private readonly TimeProvider _time;
    private DateTimeOffset? _appliedAt;
    private int _pollsSinceApply;
    private DateTimeOffset? _succeededAt;
    private DateTimeOffset? _stopAt;

    public ProvisioningManager(DeviceOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public ManagerState State { get; private set; } = ManagerState.Started;

    public StationState Station { get; private set; } = StationState.Connecting;

    /// <summary>Why the station failed; ESP-IDF's stored reason starts as AuthError.</summary>
    public WifiConnectFailedReason WifiFailReason { get; private set; } = WifiConnectFailedReason.AuthError;

    public int AttemptsDone { get; private set; }

    public WifiAccessPoint? JoinedAccessPoint { get; private set; }

    public ThreadState Thread { get; private set; } = ThreadState.Attaching;

    /// <summary>Why the Thread interface failed to attach.</summary>
    public ThreadAttachFailedReason ThreadFailReason { get; private set; } = ThreadAttachFailedReason.DatasetInvalid;

    public ThreadDataset? AttachedDataset { get; private set; }

    public (byte[] Ssid, byte[] Passphrase)? PendingWifi { get; set; }

    public byte[]? PendingDataset { get; set; }

    public ReceivedCredentials? Applied { get; private set; }

    public int AppliedCount { get; private set; }

    private bool IsNetworkProv => _options.Flavour != DeviceFlavour.WifiProv;

    /// <summary>Why the last refused command (InternalError, or a false <see cref="TryReset"/>/<see cref="TryReprovision"/>) was refused, for the log.</summary>
    public string? RefusalReason { get; private set; }

    private bool IsThreadBuild => _options.Flavour == DeviceFlavour.NetworkProvThread;

    // The state as a user sees it on the status endpoint, not the manager's internal name.
    private string StateText => State switch
    {
        ManagerState.CredentialsReceived => IsThreadBuild ? "Attaching" : "Connecting",
        ManagerState.Succeeded => IsThreadBuild ? "Attached" : "Connected",
        _ => State.ToString(),
    };

    private string AlreadyApplied => $"state is {StateText}, credentials are applied once per run (reset after a failure first)";

    public bool IsStopped => StopsAt is { } stop && _time.GetUtcNow() >= stop;

    /// <summary>When provisioning stops (the earlier of the cleanup after a read success and the auto-stop timeout), if it is due to.</summary>
    public DateTimeOffset? StopsAt
    {
        get
        {
            if (_options.NoAutoStop)
            {
                return null;
            }

            var timeout = _succeededAt + _options.AutoStopTimeout;
            return _stopAt is { } stop && (timeout is null || stop < timeout) ? stop : timeout;
        }
    }

    /// <summary><c>wifi_prov_mgr_configure_sta</c>: only once per provisioning run.</summary>
    public Status ApplyWifi()
    {
        var pending = PendingWifi;
        PendingWifi = null;
        if (pending is not { } credentials || State != ManagerState.Started)
        {
            RefusalReason = pending is null ? "no SetConfig since the last ApplyConfig" : AlreadyApplied;
            return Status.InternalError;
        }

        Applied = new ReceivedCredentials(credentials.Ssid, credentials.Passphrase, null);
        AppliedCount++;
        State = ManagerState.CredentialsReceived;
        Station = StationState.Connecting;
        StartAttempt();

        // network_provisioning 1.2.2 resets the attempt counter on new credentials; IDF 5.5 does not.
        if (IsNetworkProv)
        {
            AttemptsDone = 0;
        }

        return Status.Success;
    }

    /// <summary>ApplyThreadConfig: parse the TLVs, then attach (spec section 10).</summary>
    public Status ApplyThread()
    {
        var pending = PendingDataset;
        PendingDataset = null;
        if (pending is null || State != ManagerState.Started)
        {
            RefusalReason = pending is null ? "no SetThreadConfig since the last ApplyThreadConfig" : AlreadyApplied;
            return Status.InternalError;
        }

        // network_provisioning's SetThreadConfig only checks the length; otDatasetParseTlvs runs here,
        // so an invalid dataset is an ApplyThreadConfig failure and only a later status poll says why.
        var dataset = _options.Fail == FailureMode.DatasetInvalid ? null : ThreadDataset.TryParse(pending);
        if (dataset is null)
        {
            Thread = ThreadState.Detached;
            ThreadFailReason = ThreadAttachFailedReason.DatasetInvalid;
            State = ManagerState.Failed;
            RefusalReason = _options.Fail == FailureMode.DatasetInvalid ? "the dataset is invalid (simulated failure)" : "the dataset does not parse as Thread TLVs";
            return Status.InternalError;
        }

        Applied = new ReceivedCredentials([], [], pending);
        AppliedCount++;
        AttachedDataset = dataset;
        State = ManagerState.CredentialsReceived;
        Thread = ThreadState.Attaching;
        StartAttempt();
        return Status.Success;
    }

    /// <summary>Advances the Wi-Fi station by one GetStatus poll.</summary>
    public void PollWifi()
    {
        if (State != ManagerState.CredentialsReceived || !OutcomeDue())
        {
            return;
        }

        if (_options.Fail == FailureMode.None)
        {
            JoinedAccessPoint = FindAccessPoint(Applied!.Ssid);
            Station = StationState.Connected;
            Succeed();
            return;
        }

        // Each poll past the threshold stands for one more failed attempt (wifi_conn_attempts).
        AttemptsDone++;
        WifiFailReason = _options.Fail == FailureMode.Auth ? WifiConnectFailedReason.AuthError : WifiConnectFailedReason.WifiNetworkNotFound;
        if (_options.ConnAttempts > 0 && AttemptsDone < _options.ConnAttempts)
        {
            Station = StationState.AttemptFailed;
            return;
        }

        Station = StationState.Disconnected;
        State = ManagerState.Failed;
    }

    /// <summary>Advances the Thread interface by one GetThreadStatus poll.</summary>
    public void PollThread()
    {
        if (State != ManagerState.CredentialsReceived || !OutcomeDue())
        {
            return;
        }

        if (_options.Fail == FailureMode.None)
        {
            Thread = ThreadState.Attached;
            AttachedDataset = CompleteFromNetwork(AttachedDataset!);
            Succeed();
            return;
        }

        // The component's 20 s attach timer: a dataset that parsed can only end in ThreadNetworkNotFound.
        Thread = ThreadState.Detached;
        ThreadFailReason = ThreadAttachFailedReason.ThreadNetworkNotFound;
        State = ManagerState.Failed;
    }

    public int AttemptsRemaining => Math.Max(0, _options.ConnAttempts - AttemptsDone);

    /// <summary>
    /// <c>wifi_prov_mgr_done()</c>: a client read the success status, so stop after the cleanup delay. Returns
    /// what that means for the log the first time (empty otherwise).
    /// </summary>
    public string OnSuccessReported()
    {
        if (_options.NoAutoStop || _stopAt is not null)
        {
            return string.Empty;
        }

        _stopAt = _time.GetUtcNow() + _options.CleanupDelay;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; provisioning stops in {_options.CleanupDelay.TotalSeconds:0.###} s (auto-stop after success)");
    }

    /// <summary><c>reset_sm_state_on_failure</c>: only from FAIL (network_provisioning also from STARTED).</summary>
    public bool TryReset()
    {
        var allowed = State == ManagerState.Failed || (IsNetworkProv && State == ManagerState.Started);
        if (!allowed)
        {
            RefusalReason = $"state is {StateText}, reset only after a failure{(IsNetworkProv ? " or before credentials are applied" : string.Empty)}";
            return false;
        }

        ReturnToStarted();
        if (IsNetworkProv)
        {
            AttemptsDone = 0;
        }

        return true;
    }

    /// <summary><c>reset_sm_state_for_reprovision</c>: only when auto-stop is disabled.</summary>
    public bool TryReprovision()
    {
        if (!_options.NoAutoStop)
        {
            RefusalReason = "auto-stop is enabled, reprovision only when it is disabled";
            return false;
        }

        ReturnToStarted();
        return true;
    }

    private void ReturnToStarted()
    {
        State = ManagerState.Started;
        Station = StationState.Connecting;
        Thread = ThreadState.Attaching;
        Applied = null;
        JoinedAccessPoint = null;
        AttachedDataset = null;
        _appliedAt = null;
        _succeededAt = null;
    }

    private void StartAttempt()
    {
        _appliedAt = _time.GetUtcNow();
        _pollsSinceApply = 0;
    }

    private bool OutcomeDue()
    {
        _pollsSinceApply++;
        return _options.ConnectAfter is { } delay
            ? _time.GetUtcNow() - _appliedAt >= delay
            : _pollsSinceApply >= _options.ConnectAfterPolls;
    }

    private void Succeed()
    {
        State = ManagerState.Succeeded;
        _succeededAt = _time.GetUtcNow();
    }

    // A dataset built from a scan pick (as esp_prov builds it) has no network name; an attached device
    // reports its live values, which the leader completed, so fill the gaps from the discovered network.
    private ThreadDataset CompleteFromNetwork(ThreadDataset dataset)
    {
        var network = _options.ThreadNetworks.FirstOrDefault(n => dataset.ExtPanId is { } extPanId
            ? n.ExtPanId.AsSpan().SequenceEqual(extPanId)
            : n.PanId == dataset.PanId && n.Channel == dataset.Channel);
        return network is null ? dataset : new ThreadDataset(
            dataset.Channel ?? network.Channel,
            dataset.PanId ?? network.PanId,
            dataset.ExtPanId ?? network.ExtPanId,
            dataset.NetworkName ?? network.NetworkName);
    }

    // An SSID the radio does not list still connects, on a made-up AP, so clients can provision any
    // name; FailureMode.NotFound is how a test asks for the missing-network outcome.
    private WifiAccessPoint FindAccessPoint(byte[] ssid) =>
        _options.AccessPoints.FirstOrDefault(ap => ap.Ssid.AsSpan().SequenceEqual(ssid))
        ?? new WifiAccessPoint(ssid, [0x02, 0x00, 0x5e, 0x10, 0x00, 0xff], 6, -50, Applied!.Passphrase.Length == 0 ? Protocol.WifiProv.WifiAuthMode.Open : Protocol.WifiProv.WifiAuthMode.Wpa2Psk);
}
