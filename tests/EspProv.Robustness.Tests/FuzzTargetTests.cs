using EspProv.Fuzz;
using EspProv.Fuzz.Targets;
using EspProv.Protocol;

namespace EspProv.Robustness.Tests;

/// <summary>
/// The fuzz targets (fuzz/EspProv.Fuzz) as ordinary tests: every committed seed and every crash input
/// found so far (fuzz/regressions/&lt;target&gt;/) runs cleanly, and a short deterministic mutation run
/// per target (fixed seed, bounded in iterations and time) finds nothing.
/// </summary>
public sealed class FuzzTargetTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "fuzz");

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_regressions_run_cleanly(string target)
    {
        var files = Inputs("corpus", target).Concat(Inputs("regressions", target)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            FuzzTargets.All[target](File.ReadAllBytes(file));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_bounded_mutation_run_finds_no_crash(string target)
    {
        var corpus = Inputs("corpus", target).Select(File.ReadAllBytes).ToList();
        var mutator = new Mutator(seed: 20261128);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        // Security 2 targets do a 3072-bit modexp per run: fewer iterations.
        var iterations = target.Contains("sec2", StringComparison.Ordinal) ? 60 : 1500;
        for (var i = 0; i < iterations && stopwatch.Elapsed < TimeSpan.FromSeconds(4); i++)
        {
            var input = mutator.Mutate(corpus[i % corpus.Count], corpus);
            try
            {
                FuzzTargets.All[target](input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{target} crashed on {Convert.ToHexString(input)}: {ex}");
            }
        }
    }

    [Fact]
    public void Proto_ver_json_with_invalid_utf8_in_a_string_is_a_legacy_reply_not_a_crash()
    {
        // Found by the device-info fuzz target: JsonDocument accepts the bytes, GetString() threw.
        var reply = "{\"prov\":{\"ver\":\""u8.ToArray().Concat(new byte[] { 0xBE }).Concat("v1.1\",\"sec_ver\":0,\"cap\":[\"wifi_scan\"]}}"u8.ToArray()).ToArray();
        var info = DeviceInfo.Parse(reply);
        Assert.False(info.IsJson);
        Assert.Null(info.Version);
    }

    private static IEnumerable<string> Inputs(string kind, string target)
    {
        var folder = Path.Combine(Root, kind, target);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal) : [];
    }
}
