using System.Threading.Channels;
using EspProv.Errors;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>An in-memory <see cref="IBleCentral"/>: the shared BLE layer's whole world, with no radio and no OS stack.</summary>
internal sealed class FakeBleCentral : IBleCentral, IDisposable
{
    public List<FakePeripheral> Peripherals { get; } = [];

    /// <summary>Thrown by every scan and connect, as a backend does when Bluetooth cannot be used.</summary>
    public BleUnavailableException? Unavailable { get; set; }

    /// <summary>Every scan ends with this after reporting what it heard, as a platform aborts a scan when the radio goes off.</summary>
    public BleUnavailableException? AbortScansWith { get; set; }

    public int StartScanCalls { get; private set; }

    public bool Scanning { get; private set; }

    public string? LastServiceUuidHint { get; private set; }

    public string Name => "fake0";

    public FakePeripheral Add(FakePeripheral peripheral)
    {
        Peripherals.Add(peripheral);
        return peripheral;
    }

    public Task<IBleScan> StartScanAsync(string? serviceUuid, CancellationToken cancellationToken)
    {
        if (Unavailable is not null)
        {
            throw Unavailable;
        }

        StartScanCalls++;
        Scanning = true;
        LastServiceUuidHint = serviceUuid;
        var reports = Channel.CreateUnbounded<BleDeviceInfo>();
        foreach (var p in Peripherals)
        {
            string[] uuids = p.AdvertiseServiceUuid ? [p.ServiceUuid] : [];
            if (p.SplitScanResponse)
            {
                reports.Writer.TryWrite(Report(p, p.Name, [], p.Rssi));
                reports.Writer.TryWrite(Report(p, null, uuids, p.Rssi));
                continue;
            }

            if (p.FirstRssi is { } first)
            {
                reports.Writer.TryWrite(Report(p, p.Name, uuids, first));
            }

            reports.Writer.TryWrite(Report(p, p.Name, uuids, p.Rssi));
        }

        if (AbortScansWith is { } abort)
        {
            reports.Writer.TryComplete(abort);
        }

        return Task.FromResult<IBleScan>(new Scan(reports, () => Scanning = false));
    }

    private static BleDeviceInfo Report(FakePeripheral p, string? name, string[] uuids, short rssi) =>
        new(name, p.Address, rssi, uuids) { PlatformId = p.PlatformId };

    public Task<IBlePeripheralLink> ConnectAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        if (Unavailable is not null)
        {
            throw Unavailable;
        }

        var p = Find(device);
        p.ConnectCalls++;
        if (p.FailConnects > 0)
        {
            p.FailConnects--;
            throw new BleGattException(BleGattError.Failed, "le-connection-abort-by-local (fake)");
        }

        return Task.FromResult<IBlePeripheralLink>(new FakeBleLink(p));
    }

    public Task<bool?> IsBondedAsync(BleDeviceInfo device, CancellationToken cancellationToken) => Task.FromResult<bool?>(Find(device).Bonded);

    public Task ForgetAsync(BleDeviceInfo device, CancellationToken cancellationToken)
    {
        var p = Find(device);
        p.ForgetCalls++;
        p.Bonded = false;
        return Task.CompletedTask;
    }

    public string RemoveBondHint(BleDeviceInfo device) => $"fake-forget {device.Address}";

    private FakePeripheral Find(BleDeviceInfo device) => Peripherals.Single(p => p.PlatformId == device.PlatformId);

    public void Dispose() => Peripherals.ForEach(p => p.Dispose());

    private sealed class Scan(Channel<BleDeviceInfo> reports, Action stopped) : IBleScan
    {
        public ChannelReader<BleDeviceInfo> Reports => reports.Reader;

        public ValueTask DisposeAsync()
        {
            stopped();
            reports.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
