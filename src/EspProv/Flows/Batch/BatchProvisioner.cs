using System.Runtime.ExceptionServices;
using EspProv.Errors;
using EspProv.Security;
using EspProv.Transport;

namespace EspProv.Flows.Batch;

/// <summary>
/// Provisions many devices with <see cref="Provisioner.ProvisionAsync"/>, a few at a time. Each attempt gets
/// a fresh transport from the caller's factory and a fresh session; only transport failures are tried again
/// (a wrong Wi-Fi password stays wrong however often it is sent). Cancelling ends the devices in flight as
/// <see cref="BatchDeviceStatus.Cancelled"/> (unless a device's own final answer came first) and leaves the rest
/// <see cref="BatchDeviceStatus.NotStarted"/>.
/// Nothing is ever asked: input a prompt would supply fails that device.
/// </summary>
public sealed class BatchProvisioner
{
    private readonly Func<BatchDevice, CancellationToken, Task<IProvTransport>> _connect;
    private readonly BatchOptions _options;
    private readonly Lock _events = new();

    /// <summary>Creates the runner.</summary>
    /// <param name="connect">Opens the link to a device; called once per attempt, the transport is disposed after it.</param>
    /// <param name="options">Concurrency and retries.</param>
    public BatchProvisioner(Func<BatchDevice, CancellationToken, Task<IProvTransport>> connect, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        _connect = connect;
        _options = options ?? new BatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Concurrency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.GroupConcurrency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Retries, nameof(options));
    }

    /// <summary>
    /// Every device's steps and its end. Raised one at a time (never concurrently), so a handler may write a
    /// report without locking; a handler that throws stops the batch (the devices in flight end cancelled, and
    /// their ends are still raised), and <see cref="RunAsync"/> throws its first exception once every device
    /// has ended. A handler's exception is never a device's error.
    /// </summary>
    public event Action<BatchEvent>? Progress;

    /// <summary>True for failures worth another attempt with a fresh link: the link failed, not the device's answer.</summary>
    public static bool IsRetryable(Exception error) => error is TransportException { Failure: not TransportFailure.UnknownEndpoint };

    /// <summary>Provisions <paramref name="devices"/> (names must be unique) and returns every device's result, in their order.</summary>
    public async Task<BatchSummary> RunAsync(IReadOnlyList<BatchDevice> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var duplicate = devices.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Device names must be unique; '{duplicate.Key}' appears {duplicate.Count()} times.", nameof(devices));
        }

        var started = _options.Time.GetTimestamp();
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var groups = devices.Select(d => d.ConcurrencyGroup).OfType<string>().Distinct(StringComparer.Ordinal)
            .ToDictionary(g => g, _ => new SemaphoreSlim(_options.GroupConcurrency), StringComparer.Ordinal);

        using var run = new Run(this, cancellationToken);
        try
        {
            var results = await Task.WhenAll(devices.Select(d => RunDeviceAsync(d, slots, d.ConcurrencyGroup is { } g ? groups[g] : null, run))).ConfigureAwait(false);
            run.HandlerFailure?.Throw();
            return new BatchSummary(results, _options.Time.GetElapsedTime(started));
        }
        finally
        {
            foreach (var group in groups.Values)
            {
                group.Dispose();
            }
        }
    }

    private async Task<BatchDeviceResult> RunDeviceAsync(BatchDevice device, SemaphoreSlim slots, SemaphoreSlim? group, Run run)
    {
        var cancellationToken = run.Token;
        if (_options.Skip.Contains(device.Name))
        {
            return Finish(Untouched(device, BatchDeviceStatus.Skipped), run);
        }

        // The group's turn first: a device waiting for its adapter must not hold one of the batch's slots.
        var held = new List<SemaphoreSlim>(2);
        try
        {
            foreach (var semaphore in new[] { group, slots }.OfType<SemaphoreSlim>())
            {
                await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
                held.Add(semaphore);
            }

            // A slot freed by a device that was cancelled may reach a waiter before its own cancellation does.
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException)
        {
            held.ForEach(s => s.Release());
            return Untouched(device, BatchDeviceStatus.NotStarted);
        }

        try
        {
            return Finish(await ProvisionAsync(device, run).ConfigureAwait(false), run);
        }
        finally
        {
            held.ForEach(s => s.Release());
        }
    }

    private async Task<BatchDeviceResult> ProvisionAsync(BatchDevice device, Run run)
    {
        var cancellationToken = run.Token;
        var startedAt = _options.Time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            SecurityVersion? security = null;
            BatchDeviceResult Ended(BatchDeviceStatus status, ProvisioningResult? result = null, Exception? error = null) => new()
            {
                Device = device,
                Status = status,
                Result = result,
                Error = error,
                StoppedBy = status == BatchDeviceStatus.Cancelled ? run.StoppedBy : null,
                Security = result?.Security ?? security,
                StartedAt = startedAt,
                EndedAt = _options.Time.GetUtcNow(),
                Attempts = attempt,
            };

            run.Raise(new BatchDeviceStarted(device, attempt));
            try
            {
                return Ended(BatchDeviceStatus.Succeeded, await AttemptAsync(device, run, established => security = established).ConfigureAwait(false));
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && (ex is OperationCanceledException || IsRetryable(ex)))
            {
                // Only what the stop itself caused (a cancelled wait, a link torn down by it) is a cancellation;
                // a device's own answer that arrived first (a wrong Wi-Fi password) is still its outcome.
                return Ended(BatchDeviceStatus.Cancelled, error: ex);
            }
            catch (Exception ex) when (IsRetryable(ex) && attempt <= _options.Retries)
            {
                var delay = _options.RetryDelay * attempt;
                run.Raise(new BatchDeviceRetrying(device, attempt, ex, delay));
                try
                {
                    await Task.Delay(delay, _options.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException cancelled)
                {
                    return Ended(BatchDeviceStatus.Cancelled, error: cancelled);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return Ended(BatchDeviceStatus.Failed, error: ex);
            }
        }
    }

    private async Task<ProvisioningResult> AttemptAsync(BatchDevice device, Run run, Action<SecurityVersion> established)
    {
        var cancellationToken = run.Token;
        await using var transport = await _connect(device, cancellationToken).ConfigureAwait(false);
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        var provisioner = new Provisioner(client);
        provisioner.Progress += progress =>
        {
            if (progress is SessionEstablished session)
            {
                established(session.Security);
            }

            run.Raise(new BatchDeviceProgress(device, progress));
        };
        return await provisioner.ProvisionAsync(device.Session, device.Request, cancellationToken).ConfigureAwait(false);
    }

    private BatchDeviceResult Untouched(BatchDevice device, BatchDeviceStatus status)
    {
        var now = _options.Time.GetUtcNow();
        return new BatchDeviceResult { Device = device, Status = status, StartedAt = now, EndedAt = now, Attempts = 0 };
    }

    private static BatchDeviceResult Finish(BatchDeviceResult result, Run run)
    {
        run.Raise(new BatchDeviceFinished(result));
        return result;
    }

    /// <summary>One <see cref="RunAsync"/>: its stop switch, and the first exception a handler threw.</summary>
    private sealed class Run(BatchProvisioner owner, CancellationToken cancellationToken) : IDisposable
    {
        // A handler that fails (a report or output that cannot be written) stops every device, not just its own.
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        public CancellationToken Token => _stop.Token;

        public ExceptionDispatchInfo? HandlerFailure { get; private set; }

        /// <summary>The handler failure that stopped the run, when it was that and not the caller's cancellation.</summary>
        public Exception? StoppedBy => cancellationToken.IsCancellationRequested ? null : HandlerFailure?.SourceException;

        // Caught here rather than where it is raised: thrown from inside Provisioner.Progress it would otherwise
        // surface as that device's failure (a transport error), and from a device's start it would skip the stop.
        public void Raise(BatchEvent progress)
        {
            var first = false;
            lock (owner._events)
            {
                try
                {
                    owner.Progress?.Invoke(progress);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    first = HandlerFailure is null;
                    HandlerFailure ??= ExceptionDispatchInfo.Capture(ex);
                }
            }

            // Outside the lock: cancelling runs other devices' continuations inline, and they raise events too.
            if (first)
            {
                _stop.Cancel();
            }
        }

        public void Dispose() => _stop.Dispose();
    }
}
