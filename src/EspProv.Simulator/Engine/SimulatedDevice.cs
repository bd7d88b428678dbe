using System.Security.Cryptography;
using EspProv.Crypto;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>
/// A simulated ESP32 provisioning device, independent of any transport: protocomm dispatch, one
/// security session, and the provisioning manager's endpoints. Hosts map their links onto
/// <see cref="OpenSession"/> / <see cref="HandleAsync"/> and turn a
/// <see cref="DeviceRequestFailedException"/> into the transport's silent failure. Requests are
/// serialised, as on the single-threaded device.
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
    private readonly Dictionary<string, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>>> _custom = new(StringComparer.Ordinal);
    private readonly List<(string Name, ushort BleId)> _endpoints = [.. Protocol.Endpoints.StandardBleIds];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private uint? _sessionId;
    private bool _served;
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
        foreach (var name in options.CustomEndpoints)
        {
            AddCustomEndpoint(name, CustomEndpointHandler.ReplySuccess);
        }
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
    public IReadOnlyList<(string Name, ushort BleId)> Endpoints => _endpoints;

    /// <summary>True once provisioning stopped (a Connected/Attached status was read and the cleanup delay passed, or the auto-stop timeout expired). Never with <see cref="DeviceOptions.NoAutoStop"/>.</summary>
    public bool IsStopped => _manager.IsStopped;

    /// <summary>Raised once per request, after it finished, with a redacted description. Handlers run on the request's thread; keep them quick.</summary>
    public event EventHandler<DeviceRequestRecord>? RequestHandled;

    /// <summary>A consistent copy of the device state.</summary>
    public DeviceSnapshot Snapshot
    {
        get
        {
            _gate.Wait();
            try
            {
                return new DeviceSnapshot
                {
                    Manager = _manager.IsStopped ? ManagerState.Stopped : _manager.State,
                    Station = _manager.Station,
                    Thread = _manager.Thread,
                    SessionId = _sessionId,
                    SessionEstablished = _sessionId is not null && _security.IsEstablished,
                    Security = _security.Version,
                    AppliedCredentials = _manager.Applied,
                    AppliedCount = _manager.AppliedCount,
                    AnsweredRequests = _answered,
                    FailedRequests = _failed,
                    IsStopped = _manager.IsStopped,
                };
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>True when <paramref name="endpoint"/> is registered (hosts answer 404 otherwise).</summary>
    public bool HasEndpoint(string endpoint) => _endpoints.Exists(e => e.Name == endpoint);

    /// <summary>protocomm <c>new_transport_session</c>: closes any existing session and adopts <paramref name="sessionId"/>.</summary>
    public void OpenSession(uint sessionId)
    {
        _gate.Wait();
        try
        {
            _security.ResetSession();
            _sessionId = sessionId;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>protocomm <c>close_transport_session</c>: forgets the session if it is the current one.</summary>
    public void CloseSession(uint sessionId)
    {
        _gate.Wait();
        try
        {
            if (_sessionId == sessionId)
            {
                _security.ResetSession();
                _sessionId = null;
            }
        }
        finally
        {
            _gate.Release();
        }
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
        _gate.Wait();
        try
        {
            if (_served)
            {
                throw new InvalidOperationException("Custom endpoints must be registered before the device serves its first request.");
            }

            if (Protocol.Endpoints.StandardBleIds.Any(e => e.Name == name) || name.Contains('/') || name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"'{name}' cannot be a custom endpoint name.", nameof(name));
            }

            AddCustomEndpoint(name, handler);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_security as IDisposable)?.Dispose();
        _gate.Dispose();
    }

    private void AddCustomEndpoint(string name, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> handler)
    {
        if (!_custom.ContainsKey(name))
        {
            _endpoints.Add((name, (ushort)(Protocol.Endpoints.FirstCustomBleId + _custom.Count)));
        }

        _custom[name] = handler;
    }

    private static string RandomServiceName()
    {
        // Not from the injected source: tests that pin handshake randomness must not see it shifted.
        Span<byte> mac = stackalloc byte[3];
        RandomNumberGenerator.Fill(mac);
        return "PROV_" + Convert.ToHexString(mac);
    }
}
