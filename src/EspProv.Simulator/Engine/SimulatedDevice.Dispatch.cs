using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;

namespace EspProv.Simulator;

/// <summary>protocomm_req_handle: version, security and request endpoints (spec sections 1 and 5).</summary>
public sealed partial class SimulatedDevice
{
    /// <summary>
    /// Handles one request the way <c>protocomm_req_handle</c> does: proto-ver and prov-session in
    /// plaintext, everything else decrypted before dispatch and encrypted after.
    /// </summary>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="sessionId">The transport session the request belongs to.</param>
    /// <param name="request">The request bytes as received.</param>
    /// <param name="cancellationToken">Cancels a blocking scan or a custom handler.</param>
    /// <returns>The response bytes to send.</returns>
    /// <exception cref="DeviceRequestFailedException">ESP-IDF would return an error; the host sends nothing.</exception>
    public async Task<byte[]> HandleAsync(string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var turn = await TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        return await turn.HandleAsync(endpoint, sessionId, request, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<byte[]> HandleInTurnAsync(string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var table = SealEndpoints();
        try
        {
            var (response, detail) = await DispatchAsync(table, endpoint, sessionId, request, cancellationToken).ConfigureAwait(false);
            _answered++;
            Report(new DeviceRequestRecord(_time.GetUtcNow(), endpoint, sessionId, RequestOutcome.Answered, detail, null));
            return response;
        }
        catch (DeviceRequestFailedException ex)
        {
            _failed++;
            Report(new DeviceRequestRecord(_time.GetUtcNow(), endpoint, sessionId, RequestOutcome.Failed, ex.Message, ex.Reason));
            throw;
        }
    }

    /// <summary>The endpoint table, sealed against further registrations now that the device serves.</summary>
    private EndpointTable SealEndpoints()
    {
        var table = Volatile.Read(ref _table);
        while (!table.Served)
        {
            var sealedTable = table with { Served = true };
            var seen = Interlocked.CompareExchange(ref _table, sealedTable, table);
            table = seen == table ? sealedTable : seen;
        }

        return table;
    }

    private async ValueTask<HandlerResult> DispatchAsync(EndpointTable table, string endpoint, uint sessionId, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (_manager.IsStopped)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.ProvisioningStopped, "Provisioning has stopped; the endpoint is gone.");
        }

        switch (endpoint)
        {
            case Protocol.Endpoints.ProtoVer:
                return new HandlerResult(_versionJson, $"proto-ver ({request.Length}-byte probe)");
            case Protocol.Endpoints.ProvSession:
                return HandleSession(sessionId, request.Span);
            case Protocol.Endpoints.ProvConfig:
            case Protocol.Endpoints.ProvScan:
            case Protocol.Endpoints.ProvCtrl:
                break;
            default:
                if (!table.Custom.ContainsKey(endpoint))
                {
                    throw new DeviceRequestFailedException(DeviceFailureReason.UnknownEndpoint, $"No endpoint '{endpoint}'.");
                }

                break;
        }

        var plaintext = Decrypt(sessionId, request.Span);
        var result = endpoint switch
        {
            Protocol.Endpoints.ProvConfig => _config.Handle(plaintext),
            Protocol.Endpoints.ProvScan => await _scan.HandleAsync(plaintext, cancellationToken).ConfigureAwait(false),
            Protocol.Endpoints.ProvCtrl => _ctrl.Handle(plaintext),
            _ => await HandleCustomAsync(table.Custom[endpoint], endpoint, plaintext, cancellationToken).ConfigureAwait(false),
        };
        return result with { Response = _security.Encrypt(result.Response) };
    }

    private HandlerResult HandleSession(uint sessionId, ReadOnlySpan<byte> request)
    {
        CheckSession(sessionId);
        try
        {
            var response = _security.HandleSessionRequest(request);
            var state = _security.IsEstablished ? "established" : "in progress";
            return new HandlerResult(response, $"handshake step ({_security.Version}) -> session {state}");
        }
        catch (SessionException ex)
        {
            var reason = ex is WrongProofOfPossessionException or WrongSrpCredentialsException
                ? DeviceFailureReason.WrongCredentials
                : DeviceFailureReason.HandshakeRejected;
            throw new DeviceRequestFailedException(reason, ex.Message, ex);
        }
    }

    private byte[] Decrypt(uint sessionId, ReadOnlySpan<byte> request)
    {
        // Security 0 has no session state at all: request endpoints work without a handshake.
        if (_security.Version == SecurityVersion.Sec0)
        {
            return request.ToArray();
        }

        CheckSession(sessionId);
        if (!_security.IsEstablished)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.SessionNotEstablished, "Secure session not established.");
        }

        try
        {
            return _security.Decrypt(request);
        }
        catch (SessionException ex)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.DecryptionFailed, ex.Message, ex);
        }
    }

    private void CheckSession(uint sessionId)
    {
        if (_security.Version != SecurityVersion.Sec0 && _sessionId != sessionId)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.SessionMismatch, "The request belongs to a session other than the current one.");
        }
    }

    private static async ValueTask<HandlerResult> HandleCustomAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> handler, string endpoint, byte[] plaintext, CancellationToken cancellationToken)
    {
        byte[] response;
        try
        {
            response = await handler(plaintext, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.CustomHandlerFailed, $"The {endpoint} handler failed: {ex.GetType().Name}.", ex);
        }

        return new HandlerResult(response, $"{plaintext.Length} bytes in -> {response.Length} bytes out");
    }

    private void Report(DeviceRequestRecord record)
    {
        try
        {
            RequestHandled?.Invoke(this, record);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken log sink must not change what the device answers.
        }
    }
}
