using System.Text;
using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Security;
using EspProv.Transport;
using Google.Protobuf;

namespace EspProv.Flows;

/// <summary>
/// The operations of the unified provisioning protocol over one transport and one secure session:
/// proto-ver, the prov-session handshake, Wi-Fi and Thread scan/config/status, prov-ctrl and custom
/// endpoints. <see cref="Provisioner"/> strings them together the way esp_prov does.
/// After a failure inside the secure session the session is <see cref="SessionState.Broken"/>: the
/// device and this client may no longer agree on the cipher state, so it never encrypts again; status
/// polling replaces it with a new session by itself, other operations fail.
/// </summary>
public sealed partial class ProvisioningClient : IAsyncDisposable
{
    private readonly bool _ownsTransport;
    private IClientSecurity? _security;
    private Exception? _brokenBy;

    /// <summary>Creates a client over <paramref name="transport"/>.</summary>
    /// <param name="transport">The link to the device.</param>
    /// <param name="ownsTransport">Dispose the transport with the client.</param>
    /// <param name="timeProvider">Clock for status polling delays.</param>
    public ProvisioningClient(IProvTransport transport, bool ownsTransport = true, TimeProvider? timeProvider = null)
    {
        Transport = transport;
        _ownsTransport = ownsTransport;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The link to the device.</summary>
    public IProvTransport Transport { get; }

    /// <summary>The clock used between status polls.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The session's security once established (also while broken), or null.</summary>
    public IClientSecurity? Security => State == SessionState.None ? null : _security;

    /// <summary>Where the secure session stands.</summary>
    public SessionState State { get; private set; }

    /// <summary>Each message on the wire (<see cref="ProvisioningTrace"/>, for <c>-v</c>) and each status poll while waiting (<see cref="StatusPolled"/>).</summary>
    public event Action<ProvisioningEvent>? Progress;

    /// <summary>Reads proto-ver. The body is ignored by devices but must not be empty (HTTP rejects that).</summary>
    public async Task<DeviceInfo> GetDeviceInfoAsync(string probe = "none", CancellationToken cancellationToken = default)
    {
        var request = Encoding.ASCII.GetBytes(string.IsNullOrEmpty(probe) ? "none" : probe);
        var response = await SendPlainAsync(Endpoints.ProtoVer, request, cancellationToken).ConfigureAwait(false);
        return DeviceInfo.Parse(response);
    }

    /// <summary>
    /// Runs the prov-session handshake. Returns only once the device has proven the session; a link
    /// failure during the handshake is reported as the session error it means (wrong PoP, wrong SRP
    /// credentials, scheme mismatch).
    /// </summary>
    public Task EstablishSessionAsync(IClientSecurity security, CancellationToken cancellationToken = default) =>
        HandshakeAsync(security, explainRejection: true, cancellationToken);

    /// <summary>
    /// Replaces the session with a new handshake under the same credentials (fresh keys), for use after
    /// the session broke. The transport reconnects by itself if its link was lost. The credentials were
    /// proven already, so a link failure here is reported as the transport failure it is.
    /// </summary>
    public Task RenewSessionAsync(CancellationToken cancellationToken = default) =>
        HandshakeAsync((_security ?? throw new InvalidOperationException("There is no session to renew.")).NewSession(), explainRejection: false, cancellationToken);

    private async Task HandshakeAsync(IClientSecurity security, bool explainRejection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(security);

        // A new handshake replaces whatever session there was, on the device too (Command0 restarts it).
        if (!ReferenceEquals(_security, security))
        {
            (_security as IDisposable)?.Dispose();
        }

        _security = security;
        State = SessionState.None;
        _brokenBy = null;
        var request = security.Start();
        var step = 1;
        while (request is not null)
        {
            byte[] response;
            try
            {
                response = await SendPlainAsync(Endpoints.ProvSession, request, cancellationToken).ConfigureAwait(false);
            }
            catch (TransportException ex) when (explainRejection && ex.Failure is TransportFailure.ClosedWithoutResponse)
            {
                throw security.ExplainRejection(step, ex);
            }

            request = security.Continue(response);
            step++;
        }

        State = SessionState.Established;
    }

    /// <summary>Sends <paramref name="plaintext"/> encrypted to <paramref name="endpoint"/> and returns the decrypted answer.</summary>
    public Task<byte[]> SendEncryptedAsync(string endpoint, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken = default) =>
        SendEncryptedAsync(endpoint, plaintext, sensitive: false, cancellationToken);

    internal async Task<byte[]> SendEncryptedAsync(string endpoint, ReadOnlyMemory<byte> plaintext, bool sensitive, CancellationToken cancellationToken)
    {
        switch (State)
        {
            case SessionState.Broken:
                throw new InvalidOperationException("The session is broken by an earlier failure; renew it.", _brokenBy);
            case SessionState.None:
                throw new InvalidOperationException("Establish the secure session first.");
        }

        var security = _security!;
        var wire = security.Encrypt(plaintext.Span);
        try
        {
            Progress?.Invoke(new ProvisioningTrace(endpoint, true, wire, plaintext.ToArray(), sensitive, security.ReusesNonce));
            var response = await Transport.SendAsync(endpoint, wire, cancellationToken).ConfigureAwait(false);
            var plain = security.Decrypt(response);
            Progress?.Invoke(new ProvisioningTrace(endpoint, false, response, plain, false, security.ReusesNonce));
            return plain;
        }
        catch (Exception ex)
        {
            // Our cipher has moved past the request, and it may or may not have reached the device (a
            // lost reply, a cancellation, any failure at all): sending again would reuse its nonce or keystream.
            Break(ex);
            throw;
        }
    }

    private async Task<byte[]> SendPlainAsync(string endpoint, byte[] request, CancellationToken cancellationToken)
    {
        Progress?.Invoke(new ProvisioningTrace(endpoint, true, request, null, false));
        var response = await Transport.SendAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
        Progress?.Invoke(new ProvisioningTrace(endpoint, false, response, null, false));
        return response;
    }

    private T Decode<T>(MessageParser<T> parser, byte[] plaintext, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(plaintext);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // A reply that decrypts to garbage was damaged or cut: with AES-CTR the two keystreams may
            // now be out of step, so the session is as broken as after a transport failure.
            var error = new ProtocolException($"The device's {what} response is not a valid protobuf message.", ex);
            Break(error);
            throw error;
        }
    }

    private void Break(Exception cause)
    {
        // Security 0 has no cipher that could fall out of step.
        if (State == SessionState.Established && _security!.Version != SecurityVersion.Sec0)
        {
            State = SessionState.Broken;
            _brokenBy = cause;
        }
    }

    /// <summary>One encrypted request/response of a protobuf payload whose response type is request type + 1.</summary>
    private async Task<TResponse> ExchangeAsync<TResponse, TType>(string endpoint, IMessage request, TType requestType, MessageParser<TResponse> parser, Func<TResponse, TType> typeOf, bool sensitive, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
        where TType : struct, Enum
    {
        var plain = await SendEncryptedAsync(endpoint, request.ToByteArray(), sensitive, cancellationToken).ConfigureAwait(false);
        var response = Decode(parser, plain, endpoint);
        var expected = Convert.ToInt32(requestType, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var actual = typeOf(response);
        if (Convert.ToInt32(actual, System.Globalization.CultureInfo.InvariantCulture) != expected)
        {
            // Under security 1 a reply that decrypts to the wrong message may be a reply from another point
            // of the keystream: as broken as one that does not decode at all.
            var error = new ProtocolException($"The device answered {requestType} on {endpoint} with {actual}, expected {(TType)Enum.ToObject(typeof(TType), expected)}.");
            Break(error);
            throw error;
        }

        return response;
    }

    /// <summary>
    /// Polls until <paramref name="poll"/> returns a final state (or throws a failure). Link failures are
    /// retried a few times: a softAP device may drop the link while it switches to the router's channel.
    /// Whether a lost poll advanced the device's cipher is unknown, so the next poll goes out on a new
    /// session (as the phone apps do after a softAP drop), never on the old cipher state.
    /// </summary>
    private async Task<T> PollAsync<T>(StatusPolling? polling, string what, Func<CancellationToken, Task<T?>> poll, CancellationToken cancellationToken)
        where T : class
    {
        polling ??= new StatusPolling();
        var deadline = TimeProvider.GetUtcNow() + polling.Timeout;
        // A zero interval would never grow (0 × backoff) and poll the device as fast as the link allows.
        var minimum = TimeSpan.FromMilliseconds(10);
        var interval = polling.Interval < minimum ? minimum : polling.Interval;
        var transportFailures = 0;
        while (true)
        {
            // The last wait is cut to the deadline, so the last poll happens at the deadline, not an interval before it.
            var left = deadline - TimeProvider.GetUtcNow();
            await Task.Delay(left < interval ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : interval, TimeProvider, cancellationToken).ConfigureAwait(false);
            try
            {
                // Broken by the lost reply, or None after a renewal that itself failed on the link.
                if (State != SessionState.Established && transportFailures > 0)
                {
                    await RenewSessionAsync(cancellationToken).ConfigureAwait(false);
                    Progress?.Invoke(new StatusPolled(PollState.SessionRenewed));
                }

                if (await poll(cancellationToken).ConfigureAwait(false) is { } done)
                {
                    return done;
                }

                transportFailures = 0;
            }
            catch (TransportException ex) when (++transportFailures <= polling.TransportRetries && ex.Failure != TransportFailure.UnknownEndpoint)
            {
                Progress?.Invoke(new StatusPolled(PollState.LinkError, Detail: $"{ex.Message}; {polling.TransportRetries - transportFailures + 1} tries left"));
            }

            if (TimeProvider.GetUtcNow() >= deadline)
            {
                throw new ProvisioningTimeoutException($"The device did not {what} within {polling.Timeout.TotalSeconds:0.#} s.");
            }

            interval = TimeSpan.FromTicks(Math.Max(Math.Min((long)(interval.Ticks * polling.Backoff), polling.MaxInterval.Ticks), minimum.Ticks));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        (_security as IDisposable)?.Dispose();
        if (_ownsTransport)
        {
            await Transport.DisposeAsync().ConfigureAwait(false);
        }
    }
}
