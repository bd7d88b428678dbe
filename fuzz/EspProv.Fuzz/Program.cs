using EspProv.Fuzz;
using EspProv.Fuzz.Targets;

// Usage:
//   EspProv.Fuzz <target>                          run under afl-fuzz (SharpFuzz, input on stdin / shared memory)
//   EspProv.Fuzz <target> --run <file|dir>...      run the target once per file (reproduce a crash, check a corpus)
//   EspProv.Fuzz <target> --mutate <seconds> <max-iterations> <corpus-dir> [seed]
//                                                  built-in mutation fuzzing without a native fuzzer
//   EspProv.Fuzz --list
if (args.Length == 0 || args[0] == "--list")
{
    Console.WriteLine(string.Join('\n', FuzzTargets.All.Keys));
    return 0;
}

if (!FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"Unknown target '{args[0]}'; --list shows them.");
    return 2;
}

if (args.Length == 1)
{
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}

var files = args[1] == "--run"
    ? args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]).Order(StringComparer.Ordinal).ToList()
    : Directory.Exists(args[4]) ? [.. Directory.GetFiles(args[4]).Order(StringComparer.Ordinal)] : [];
if (args[1] == "--run")
{
    foreach (var file in files)
    {
        target(File.ReadAllBytes(file));
    }

    Console.WriteLine($"{args[0]}: {files.Count} inputs ran cleanly");
    return 0;
}

var seconds = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var maxIterations = long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var seed = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 1;
var corpus = files.Select(File.ReadAllBytes).DefaultIfEmpty([]).ToList();
var mutator = new Mutator(seed);
var stopwatch = System.Diagnostics.Stopwatch.StartNew();
long executions = 0;
while (executions < maxIterations && stopwatch.Elapsed.TotalSeconds < seconds)
{
    var input = mutator.Mutate(corpus[(int)(executions % corpus.Count)], corpus);
    try
    {
        target(input);
    }
    catch (Exception ex)
    {
        var path = Path.Combine(Path.GetTempPath(), $"espprov-{args[0]}-crash-{executions}.bin");
        File.WriteAllBytes(path, input);
        Console.Error.WriteLine($"{args[0]}: crash after {executions} executions, input saved to {path}:\n{ex}");
        return 1;
    }

    executions++;
}

Console.WriteLine($"{args[0]}: {executions} executions in {stopwatch.Elapsed.TotalSeconds:0.0} s, no crash");
return 0;
