using System.Collections.Concurrent;
using System.Text;
using EspProv.Ble.BlueZ.Internal;
using EspProv.Ble.BlueZ.Peripheral;
using EspProv.Ble.Tests.Support;
using EspProv.Protocol;

namespace EspProv.Ble.Tests;

/// <summary>
/// The peripheral's WriteValue/ReadValue as bluetoothd calls them: "offset" assembles one request from several
/// writes or is refused, every call must name its central ("device"), and centrals never share a session.
/// </summary>
public sealed class PeripheralWriteTests
{
    private const string CentralA = "/org/bluez/hci0/dev_C0_FF_EE_00_00_0A";
    private const string CentralB = "/org/bluez/hci0/dev_C0_FF_EE_00_00_0B";

    [Fact]
    public async Task A_write_at_the_written_length_appends_and_the_whole_request_is_handled_once()
    {
        await using var bench = await Bench.StartAsync();
        await using var peripheral = await Recorder.StartAsync(bench);

        await peripheral.WriteAsync(CentralA, "prepared-");
        await peripheral.WriteAsync(CentralA, "in-pieces", offset: 9);
        var response = await peripheral.ReadAsync(CentralA);

        Assert.Equal((Endpoints.CustomData, 1u, "prepared-in-pieces"), Assert.Single(peripheral.Handled));
        Assert.Equal("\u0001prepared-in-pieces", response);
    }

    [Theory]
    [InlineData("prepared-", 4)]  // overlaps what is written
    [InlineData("prepared-", 12)] // leaves a hole
    [InlineData(null, 9)]         // continues nothing
    public async Task A_write_at_any_other_offset_is_refused_and_the_partial_request_dropped(string? first, ushort offset)
    {
        await using var bench = await Bench.StartAsync();
        await using var peripheral = await Recorder.StartAsync(bench);

        if (first is not null)
        {
            await peripheral.WriteAsync(CentralA, first);
        }

        var refused = await Assert.ThrowsAsync<DBusErrorReplyException>(() => peripheral.WriteAsync(CentralA, "in-pieces", offset));
        var afterRefusal = await peripheral.ReadAsync(CentralA);

        Assert.Equal(BlueZNames.ErrorInvalidOffset, refused.ErrorName);
        Assert.Equal(string.Empty, afterRefusal);
        Assert.Empty(peripheral.Handled);
    }

    [Fact]
    public async Task A_request_assembled_past_the_attribute_maximum_is_refused()
    {
        await using var bench = await Bench.StartAsync();
        await using var peripheral = await Recorder.StartAsync(bench);
        var half = new string('x', 300);

        await peripheral.WriteAsync(CentralA, half);
        var refused = await Assert.ThrowsAsync<DBusErrorReplyException>(() => peripheral.WriteAsync(CentralA, half, offset: 300));
        await peripheral.ReadAsync(CentralA);

        Assert.Equal(BlueZNames.ErrorInvalidValueLength, refused.ErrorName);
        Assert.Empty(peripheral.Handled);
    }

    [Fact]
    public async Task A_write_or_read_without_a_device_option_is_refused_and_opens_no_session()
    {
        await using var bench = await Bench.StartAsync();
        await using var peripheral = await Recorder.StartAsync(bench);

        var write = await Assert.ThrowsAsync<DBusErrorReplyException>(() => peripheral.WriteAsync(null, "anonymous"));
        var read = await Assert.ThrowsAsync<DBusErrorReplyException>(() => peripheral.ReadAsync(null));

        Assert.Equal(BlueZNames.ErrorInvalidArguments, write.ErrorName);
        Assert.Equal(BlueZNames.ErrorInvalidArguments, read.ErrorName);
        Assert.Empty(peripheral.Opened);
        Assert.Empty(peripheral.Handled);
        Assert.Equal(0, peripheral.Host.OpenSessions);
    }

    [Fact]
    public async Task Two_centrals_have_their_own_sessions_requests_and_answers()
    {
        await using var bench = await Bench.StartAsync();
        await using var peripheral = await Recorder.StartAsync(bench);

        await peripheral.WriteAsync(CentralA, "from-a-");
        await peripheral.WriteAsync(CentralB, "from-b");
        await peripheral.WriteAsync(CentralA, "continued", offset: 7);
        var answerB = await peripheral.ReadAsync(CentralB);
        var answerA = await peripheral.ReadAsync(CentralA);
        bench.BlueZ.DisconnectCentral(CentralA);
        await peripheral.FirstClosed.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);
        var answerBAgain = await peripheral.ReadAsync(CentralB);

        Assert.Equal("\u0002from-b", answerB);
        Assert.Equal("\u0001from-a-continued", answerA);
        Assert.Equal([(Endpoints.CustomData, 2u, "from-b"), (Endpoints.CustomData, 1u, "from-a-continued")], peripheral.Handled);
        Assert.Equal([1u, 2u], peripheral.Opened);
        Assert.Equal([1u], peripheral.Closed);
        Assert.Equal("\u0002from-b", answerBAgain);
        Assert.Equal(1, peripheral.Host.OpenSessions);
    }

    /// <summary>A host whose handler records each request and answers with the session id followed by the request.</summary>
    private sealed class Recorder : IAsyncDisposable
    {
        private BlePeripheralHost? _host;
        private RemoteGatt? _gatt;
        private int _index;

        public BlePeripheralHost Host => _host!;

        public ConcurrentQueue<(string Endpoint, uint Session, string Request)> Handled { get; } = new();

        public ConcurrentQueue<uint> Opened { get; } = new();

        public ConcurrentQueue<uint> Closed { get; } = new();

        public TaskCompletionSource FirstClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<Recorder> StartAsync(Bench bench)
        {
            var recorder = new Recorder();
            recorder._host = await BlePeripheralHost.StartAsync(
                new BlePeripheralOptions { BusAddress = bench.Bus.Address, ServiceName = "PROV_WRITES", Endpoints = Bench.ExampleEndpoints },
                (endpoint, session, request, _) =>
                {
                    recorder.Handled.Enqueue((endpoint, session, Encoding.ASCII.GetString(request.Span)));
                    return Task.FromResult<byte[]>([(byte)session, .. request.Span]);
                },
                (id, _) =>
                {
                    recorder.Opened.Enqueue(id);
                    return Task.CompletedTask;
                },
                (id, _) =>
                {
                    recorder.Closed.Enqueue(id);
                    recorder.FirstClosed.TrySetResult();
                    return Task.CompletedTask;
                },
                TestContext.Current.CancellationToken);
            var advertised = await bench.BlueZ.AdvertisementRegistered.Task.WaitAsync(Bench.Patience, TestContext.Current.CancellationToken);
            recorder._gatt = (RemoteGatt)advertised.Gatt;
            recorder._index = recorder._gatt.Characteristics.ToList().FindIndex(c => c.Description == Endpoints.CustomData);
            return recorder;
        }

        public Task WriteAsync(string? central, string value, ushort offset = 0) =>
            _gatt!.WriteRawAsync(_index, Encoding.ASCII.GetBytes(value), RemoteGatt.Options(central, offset, write: true));

        public async Task<string> ReadAsync(string? central) =>
            Encoding.ASCII.GetString(await _gatt!.ReadRawAsync(_index, RemoteGatt.Options(central)));

        public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
