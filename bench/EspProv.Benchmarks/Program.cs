using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

if (args is ["throughput", ..])
{
    // throughput [seconds] [devices]: sec2 sessions per second against the HTTP simulator on loopback.
    var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var devices = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4;
    return await EspProv.Benchmarks.SimulatorThroughput.RunAsync(TimeSpan.FromSeconds(seconds), devices);
}

if (args is ["fleet", ..])
{
    // fleet [devices] [concurrency]: provisions that many simulated sec2 devices completely, in this process.
    var devices = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
    var concurrency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64;
    return await EspProv.Benchmarks.FleetLoad.RunAsync(devices, concurrency);
}

if (args is ["throughput-remote", ..])
{
    // throughput-remote seconds port,port,...: sec2 sessions per second against devices of another process
    // (esp-prov device --count N) on loopback, one client per port; only the clients run here.
    var seconds = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    var ports = args[2].Split(',').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    return await EspProv.Benchmarks.SimulatorThroughput.RunAsync(TimeSpan.FromSeconds(seconds), ports);
}

// In-process (no per-benchmark project build) and short runs: the machine has 2 cores and CI has 90
// minutes; pass BenchmarkDotNet's own options after the arguments, e.g. --filter '*ModPow*'.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
