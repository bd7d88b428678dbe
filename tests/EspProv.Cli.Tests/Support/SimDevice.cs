using System.Collections.Concurrent;
using System.Text;
using EspProv.Simulator;

namespace EspProv.Cli.Tests.Support;

/// <summary>An in-process simulated device on a free loopback port, with its log and request records captured.</summary>
internal sealed class SimDevice : IAsyncDisposable
{
    private readonly LockedWriter _log;
    private readonly ConcurrentQueue<DeviceRequestRecord> _records = new();

    private SimDevice(SimulatorHost host, LockedWriter log)
    {
        Host = host;
        _log = log;
        host.Devices[0].RequestHandled += (_, record) => _records.Enqueue(record);
    }

    public SimulatorHost Host { get; }

    public SimulatedDevice Device => Host.Devices[0];

    public int Port => Host.HttpHosts[0].Port;

    public string ServiceName => $"127.0.0.1:{Port}";

    public string Log => _log.ToString();

    public IReadOnlyList<DeviceRequestRecord> Records => _records.ToArray();

    /// <summary>Requests whose detail starts with <paramref name="command"/> that the device answered.</summary>
    public int Count(string command) => _records.Count(r => r.Outcome == RequestOutcome.Answered && r.Detail.StartsWith(command, StringComparison.Ordinal));

    public static async Task<SimDevice> StartAsync(DeviceOptions? options = null)
    {
        var log = new LockedWriter();
        var host = await SimulatorHost.StartAsync(options ?? new DeviceOptions(), new SimulatorHostOptions { Port = 0 }, log, TestContext.Current.CancellationToken);
        return new SimDevice(host, log);
    }

    /// <summary>softAP transport arguments for this device plus <paramref name="more"/>.</summary>
    public string[] Args(params string[] more) => ["--transport", "softap", "--service_name", ServiceName, .. more];

    /// <summary>A JSON provisioning run to OracleNet with fast polling, plus <paramref name="more"/>.</summary>
    public string[] Provision(params string[] more) => Args(["--ssid", "OracleNet", "--passphrase", "secret123", "--json", "--poll-interval", "0.05", .. more]);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>A thread-safe log sink.</summary>
    internal sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
