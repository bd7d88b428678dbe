using System.Text;
using EspProv.Errors;
using EspProv.Flows;
using EspProv.Flows.Batch;
using EspProv.Protocol;
using EspProv.Protocol.WifiProv;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Testing.Transports;
using EspProv.Transport;

namespace EspProv.Tests.Flows.Batch;

/// <summary>BatchProvisioner over in-memory simulated devices: retries, limits, cancellation, skipping.</summary>
public sealed class BatchProvisionerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, SimulatedDevice> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _connects = new(StringComparer.Ordinal);
    private uint _sessions;

    private static BatchOptions Fast => new() { RetryDelay = TimeSpan.Zero };

    [Fact]
    public async Task Only_transport_failures_are_tried_again_each_with_a_fresh_session()
    {
        AddDevice("good");
        AddDevice("reboots", new DeviceOptions { Security = SecurityVersion.Sec0, DropLinkOnApply = 1 });
        AddDevice("wrong-password", new DeviceOptions { Security = SecurityVersion.Sec0, Fail = FailureMode.Auth });
        var batch = new BatchProvisioner(ConnectAsync, Fast with { Retries = 2 });

        var summary = await batch.RunAsync([Device("good"), Device("reboots"), Device("wrong-password"), Device("absent")], TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        var byName = summary.Results.ToDictionary(r => r.Device.Name);
        Assert.Equal((BatchDeviceStatus.Succeeded, 1), (byName["good"].Status, byName["good"].Attempts));
        Assert.Equal((BatchDeviceStatus.Succeeded, 2), (byName["reboots"].Status, byName["reboots"].Attempts));
        Assert.Equal("192.168.1.123", byName["reboots"].Result!.Wifi!.Ip4);
        Assert.Equal((BatchDeviceStatus.Failed, 1), (byName["wrong-password"].Status, byName["wrong-password"].Attempts));
        Assert.IsType<WifiConnectionFailedException>(byName["wrong-password"].Error);
        Assert.Equal((BatchDeviceStatus.Failed, 3), (byName["absent"].Status, byName["absent"].Attempts));
        Assert.IsType<TransportException>(byName["absent"].Error);

        // A fresh link (and so a fresh session) for every attempt.
        Assert.Equal(2, _connects["reboots"]);
        Assert.Equal(1, _connects["wrong-password"]);
        Assert.Equal(3, _connects["absent"]);
        Assert.Equal(1, _devices["wrong-password"].Snapshot.AppliedCount);
        Assert.False(summary.AllSucceeded);
    }

    [Theory]
    [InlineData(3, null)]
    [InlineData(8, "ble:hci0")]
    public async Task No_more_devices_are_in_flight_than_the_limits_allow(int concurrency, string? group)
    {
        const int GroupLimit = 2;
        var limit = group is null ? concurrency : GroupLimit;
        var names = Enumerable.Range(1, 10).Select(i => $"d{i}").ToList();
        names.ForEach(n => AddDevice(n));
        var inFlight = 0;
        var most = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batch = new BatchProvisioner(
            async (device, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                if (now >= limit)
                {
                    full.TrySetResult();
                }

                // Every device holds its place until the limit was reached once, so a limit that lets more through shows.
                await full.Task.WaitAsync(Bound, ct);
                return await ConnectAsync(device, ct);
            },
            Fast with { Concurrency = concurrency, GroupConcurrency = GroupLimit });
        batch.Progress += e =>
        {
            if (e is BatchDeviceFinished)
            {
                Interlocked.Decrement(ref inFlight);
            }
        };

        var summary = await batch.RunAsync([.. names.Select(n => Device(n) with { ConcurrencyGroup = group })], TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.True(summary.AllSucceeded);
        Assert.Equal(limit, most);
    }

    [Fact]
    public async Task Cancelling_ends_the_device_in_flight_as_cancelled_and_leaves_the_rest_not_started()
    {
        AddDevice("first");
        AddDevice("second");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var finished = new List<BatchDeviceResult>();
        var batch = new BatchProvisioner(
            async (device, ct) =>
            {
                if (device.Name == "hangs")
                {
                    await cancel.CancelAsync();
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return await ConnectAsync(device, ct);
            },
            Fast with { Concurrency = 1 });
        batch.Progress += e =>
        {
            if (e is BatchDeviceFinished done)
            {
                finished.Add(done.Result);
            }
        };

        var summary = await batch.RunAsync([Device("first"), Device("hangs"), Device("second")], cancel.Token).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal([BatchDeviceStatus.Succeeded, BatchDeviceStatus.Cancelled, BatchDeviceStatus.NotStarted], summary.Results.Select(r => r.Status));
        Assert.Null(summary.Results[1].StoppedBy); // the caller cancelled: no handler stopped it
        Assert.Equal(0, _devices["second"].Snapshot.AppliedCount);

        // Only devices that were in flight are finished: a report gets no line for one never contacted.
        Assert.Equal(["first", "hangs"], finished.Select(r => r.Device.Name));
    }

    [Fact]
    public async Task A_final_answer_that_comes_with_the_stop_stays_the_devices_outcome()
    {
        AddDevice("wrong-password", new DeviceOptions { Security = SecurityVersion.Sec0, Fail = FailureMode.Auth });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // The stop comes while the device's last reply is on its way: the reply is the device's answer, not the stop's doing.
        var batch = new BatchProvisioner(
            async (device, ct) => new StopsWithTheFailedStatus(await ConnectAsync(device, ct), cancel),
            Fast);

        var summary = await batch.RunAsync([Device("wrong-password")], cancel.Token).WaitAsync(Bound, TestContext.Current.CancellationToken);

        var result = Assert.Single(summary.Results);
        Assert.Equal(BatchDeviceStatus.Failed, result.Status);
        Assert.IsType<WifiConnectionFailedException>(result.Error);
    }

    [Fact]
    public async Task A_failed_device_tells_whether_its_session_was_established()
    {
        AddDevice("wrong-password", new DeviceOptions { Security = SecurityVersion.Sec0, Fail = FailureMode.Auth });
        var batch = new BatchProvisioner(ConnectAsync, Fast);

        var summary = await batch.RunAsync([Device("wrong-password"), Device("absent")], TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        var byName = summary.Results.ToDictionary(r => r.Device.Name);
        Assert.Equal((BatchDeviceStatus.Failed, SecurityVersion.Sec0), (byName["wrong-password"].Status, byName["wrong-password"].Security));
        Assert.Equal((BatchDeviceStatus.Failed, (SecurityVersion?)null), (byName["absent"].Status, byName["absent"].Security));
        Assert.Equal(0, BatchReportEntry.From(byName["wrong-password"], "wifi_auth_error", 6).Security);
        Assert.Null(BatchReportEntry.From(byName["absent"], "transport", 3).Security);
    }

    [Fact]
    public async Task Skipped_devices_are_never_contacted()
    {
        AddDevice("done-before");
        AddDevice("new");
        var batch = new BatchProvisioner(ConnectAsync, Fast with { Skip = new HashSet<string> { "done-before" } });

        var summary = await batch.RunAsync([Device("done-before"), Device("new")], TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal([BatchDeviceStatus.Skipped, BatchDeviceStatus.Succeeded], summary.Results.Select(r => r.Status));
        Assert.False(_connects.ContainsKey("done-before"));
        Assert.Equal(0, summary.Results[0].Attempts);
    }

    [Fact]
    public async Task Duplicate_names_are_refused()
    {
        var batch = new BatchProvisioner(ConnectAsync);
        await Assert.ThrowsAsync<ArgumentException>(() => batch.RunAsync([Device("a"), Device("a")], TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("started")]
    [InlineData("progress")]
    [InlineData("retrying")]
    public async Task A_handler_that_throws_stops_the_batch_and_RunAsync_throws_it_without_failing_a_device(string failingEvent)
    {
        AddDevice("first");
        AddDevice("second");
        var failure = new IOException("Broken pipe");
        var finished = new List<BatchDeviceResult>();
        var batch = new BatchProvisioner(ConnectAsync, Fast with { Concurrency = 1, Retries = 1 });
        batch.Progress += progress =>
        {
            var fails = (failingEvent, progress) switch
            {
                ("started", BatchDeviceStarted) => true,
                ("progress", BatchDeviceProgress) => true,
                ("retrying", BatchDeviceRetrying) => true,
                _ => false,
            };
            if (progress is BatchDeviceFinished end)
            {
                finished.Add(end.Result);
            }

            if (fails)
            {
                throw failure;
            }
        };

        // "absent" cannot be reached, so its first attempt is retried.
        var first = failingEvent == "retrying" ? "absent" : "first";
        var thrown = await Assert.ThrowsAsync<IOException>(() => batch.RunAsync([Device(first), Device("second")], TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Same(failure, thrown);
        var ended = Assert.Single(finished);
        Assert.Equal((first, BatchDeviceStatus.Cancelled), (ended.Device.Name, ended.Status));
        Assert.NotSame(failure, ended.Error);
        Assert.Same(failure, ended.StoppedBy);
        Assert.False(_connects.ContainsKey("second"));
    }

    public void Dispose()
    {
        foreach (var device in _devices.Values)
        {
            device.Dispose();
        }
    }

    private void AddDevice(string name, DeviceOptions? options = null) => _devices[name] = new SimulatedDevice(options ?? new DeviceOptions { Security = SecurityVersion.Sec0 });

    private static BatchDevice Device(string name) => new()
    {
        Name = name,
        ServiceName = name,
        Session = new SessionRequest { Security = SecurityVersion.Sec0, AllowUnauthenticated = true },
        Request = new ProvisioningRequest
        {
            Ssid = Encoding.UTF8.GetBytes("OracleNet"),
            Passphrase = "secret123",
            Polling = new StatusPolling { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(20) },
        },
    };

    private Task<IProvTransport> ConnectAsync(BatchDevice device, CancellationToken cancellationToken)
    {
        lock (_connects)
        {
            _connects[device.Name] = _connects.GetValueOrDefault(device.Name) + 1;
        }

        // A device that is not there: the link fails as an unreachable softAP does.
        return _devices.TryGetValue(device.Name, out var simulated)
            ? Task.FromResult<IProvTransport>(new DeviceTransport(simulated, Interlocked.Increment(ref _sessions)))
            : Task.FromException<IProvTransport>(new TransportException(TransportFailure.ConnectionRefused, $"Connection Failure: cannot connect to {device.Name}."));
    }

    /// <summary>Cancels the batch once a (security 0) status reply saying the connection failed is in hand.</summary>
    private sealed class StopsWithTheFailedStatus(IProvTransport inner, CancellationTokenSource stop) : IProvTransport
    {
        public TransportKind Kind => inner.Kind;

        public async Task<byte[]> SendAsync(string endpoint, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
        {
            var reply = await inner.SendAsync(endpoint, request, cancellationToken);
            if (endpoint == Endpoints.ProvConfig && WiFiConfigPayload.Parser.ParseFrom(reply).RespGetStatus is { StaState: WifiStationState.ConnectionFailed })
            {
                await stop.CancelAsync();
            }

            return reply;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
