using System.Security.Cryptography;
using EspProv.Crypto;
using EspProv.Model;
using EspProv.Security;
using EspProv.Transport;

namespace EspProv.Simulator;

/// <summary>
/// A simulated ESP32 provisioning device, independent of any transport: protocomm dispatch, one
/// security session, and the provisioning manager's endpoints. Hosts map their links onto
/// <see cref="OpenSessionAsync"/> / <see cref="HandleAsync"/> (or a <see cref="DeviceTurn"/> when their own
/// session bookkeeping must move in step) and turn a <see cref="DeviceRequestFailedException"/> into the
/// transport's silent failure. Requests are serialised by one async lock, as on the single-threaded device.
/// </summary>
public sealed partial class SimulatedDevice : IDisposable
{
    private readonly DeviceOptions _options;
    private readonly TimeProvider _time;
    private readonly IDeviceSecurity _security;
    private readonly ProvisioningManager _manager;
    private readonly ConfigEndpoint _config;
    private readonly ScanEndpoint _scan;
    private readonly CtrlEndpoint _ctrl;
    private readonly byte[] _versionJson;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EndpointTable _table;
    private Published _published;
    private uint? _sessionId;
    private int _answered;
    private int _failed;

    /// <summary>Creates the device. It serves at once; there is no separate start step.</summary>
    /// <param name="options">Build and radio settings; validated here.</param>
    /// <param name="random">Randomness for the security handshake (tests pin it); null = the OS generator.</param>
    /// <param name="time">Clock for scan durations, connection timing and auto-stop; null = the system clock.</param>
    public SimulatedDevice(DeviceOptions options, IRandomSource? random = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _security = DeviceSecurityFactory.Create(options, random ?? SystemRandomSource.Instance);
        _manager = new ProvisioningManager(options, _time);
        _config = new ConfigEndpoint(_manager, options);
        _scan = new ScanEndpoint(options, _time);
        _ctrl = new CtrlEndpoint(_manager, options);
        _versionJson = ProtoVersionJson.Build(options);
        ServiceName = options.ServiceName ?? RandomServiceName();
        _table = options.CustomEndpoints.Aggregate(EndpointTable.Standard, (table, name) => table.With(name, CustomEndpointHandler.ReplySuccess));
        _published = Capture();
    }

    /// <summary>The device's options.</summary>
    public DeviceOptions Options => _options;

    /// <summary>The service name (softAP SSID / BLE advertised name).</summary>
    public string ServiceName { get; }

    /// <summary>The proto-ver reply, byte-exact cJSON output.</summary>
    public ReadOnlyMemory<byte> VersionJson => _versionJson;

    /// <summary>
    /// The endpoints in registration order (the BLE GATT order): prov-ctrl, prov-scan, prov-session,
    /// prov-config, proto-ver, then custom endpoints from 0xFF54.
    /// </summary>
    public IReadOnlyList<(string Name, ushort BleId)> Endpoints => Volatile.Read(ref _table).Endpoints;

    /// <summary>True once provisioning stopped (a Connected/Attached status was read and the cleanup delay passed, or the auto-stop timeout expired). Never with <see cref="DeviceOptions.NoAutoStop"/>.</summary>
    public bool IsStopped => HasStopped(Volatile.Read(ref _published));

    /// <summary>Raised once per request, after it finished, with a redacted description. Handlers run on the request's thread, during its turn; keep them quick.</summary>
    public event EventHandler<DeviceRequestRecord>? RequestHandled;

    /// <summary>The device state as the last request or session change left it; reading it never waits.</summary>
    public DeviceSnapshot Snapshot
    {
        get
        {
            var published = Volatile.Read(ref _published);
            return HasStopped(published) ? published.Snapshot with { Manager = ManagerState.Stopped, IsStopped = true } : published.Snapshot;
        }
    }

    /// <summary>True when <paramref name="endpoint"/> is registered (hosts answer 404 otherwise).</summary>
    public bool HasEndpoint(string endpoint) => Volatile.Read(ref _table).Endpoints.Any(e => e.Name == endpoint);

    /// <summary>
    /// The QR payload ESP-IDF's examples print for a client on <paramref name="transport"/>: the PoP for security 1;
    /// for security 2 the username, and the password in <c>pop</c> where the phone apps read it (unknown, so left
    /// out, when the device was given a salt and verifier instead).
    /// </summary>
    public QrPayload QrPayloadFor(TransportKind transport) => new(
        Name: ServiceName,
        Pop: _options.Security switch
        {
            SecurityVersion.Sec1 when !_options.RunsWithoutPop => _options.Pop,
            SecurityVersion.Sec2 when _options.Sec2Verifier is null => _options.Sec2Password,
            _ => null,
        },
        Transport: TransportName.ForLink(transport).Text,
        Security: null,
        Username: _options.Security == SecurityVersion.Sec2 ? _options.Sec2Username : null,
        Password: null,
        Network: null);

    /// <summary>Waits for the device and holds it until the returned turn is disposed.</summary>
    public async Task<DeviceTurn> TakeTurnAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new DeviceTurn(this);
    }

    /// <summary>protocomm <c>new_transport_session</c> in a turn of its own (see <see cref="DeviceTurn.OpenSession"/>).</summary>
    public async Task OpenSessionAsync(uint sessionId, CancellationToken cancellationToken = default)
    {
        using var turn = await TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        turn.OpenSession(sessionId);
    }

    /// <summary>protocomm <c>close_transport_session</c> in a turn of its own (see <see cref="DeviceTurn.CloseSession"/>).</summary>
    public async Task CloseSessionAsync(uint sessionId, CancellationToken cancellationToken = default)
    {
        using var turn = await TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        turn.CloseSession(sessionId);
    }

    /// <summary>
    /// Binds a custom endpoint handler (<c>wifi_prov_mgr_endpoint_register</c>). A name listed in
    /// <see cref="DeviceOptions.CustomEndpoints"/> gets its handler replaced; a new name is created
    /// with the next BLE id. Only before the first request, as on the device.
    /// </summary>
    public void RegisterEndpoint(string name, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);

        // Configuration before serving takes no turn: the table is swapped whole, and the first request
        // seals it, so a registration racing that request either lands before it or is refused.
        while (true)
        {
            var table = Volatile.Read(ref _table);
            if (table.Served)
            {
                throw new InvalidOperationException("Custom endpoints must be registered before the device serves its first request.");
            }

            if (Protocol.Endpoints.StandardBleIds.Any(e => e.Name == name) || name.Contains('/') || name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"'{name}' cannot be a custom endpoint name.", nameof(name));
            }

            if (Interlocked.CompareExchange(ref _table, table.With(name, handler), table) == table)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_security as IDisposable)?.Dispose();
        _gate.Dispose();
    }

    /// <summary>Ends a turn: what it changed becomes the published state, then the next turn may start.</summary>
    internal void EndTurn()
    {
        Volatile.Write(ref _published, Capture());
        _gate.Release();
    }

    internal void OpenSessionInTurn(uint sessionId)
    {
        _security.ResetSession();
        _sessionId = sessionId;
    }

    internal void CloseSessionInTurn(uint sessionId)
    {
        if (_sessionId == sessionId)
        {
            _security.ResetSession();
            _sessionId = null;
        }
    }

    private Published Capture() => new(
        new DeviceSnapshot
        {
            Manager = _manager.State,
            Station = _manager.Station,
            Thread = _manager.Thread,
            SessionId = _sessionId,
            SessionEstablished = _sessionId is not null && _security.IsEstablished,
            Security = _security.Version,
            AppliedCredentials = _manager.Applied,
            AppliedCount = _manager.AppliedCount,
            AnsweredRequests = _answered,
            FailedRequests = _failed,
            IsStopped = false,
        },
        _manager.StopsAt);

    private bool HasStopped(Published published) => published.StopsAt is { } stop && _time.GetUtcNow() >= stop;

    private static string RandomServiceName()
    {
        // Not from the injected source: tests that pin handshake randomness must not see it shifted.
        Span<byte> mac = stackalloc byte[3];
        RandomNumberGenerator.Fill(mac);
        return ExampleFirmware.ServiceNamePrefix + Convert.ToHexString(mac);
    }

    /// <summary>The state a turn left, with the instant the time-driven stop takes effect (evaluated on reading).</summary>
    private sealed record Published(DeviceSnapshot Snapshot, DateTimeOffset? StopsAt);
}
