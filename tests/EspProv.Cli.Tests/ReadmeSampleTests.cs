using EspProv.Cli.Tests.Samples;
using EspProv.Cli.Tests.Support;

namespace EspProv.Cli.Tests;

/// <summary>The README's library sample is code that compiles (Samples/ReadmeSample.cs) and provisions a device.</summary>
public sealed class ReadmeSampleTests
{
    [Fact]
    public void The_readme_shows_the_compiled_sample()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        var start = Array.IndexOf(readme, "## Library");
        Assert.True(start >= 0, "README has no Library section");
        var open = Array.IndexOf(readme, "```csharp", start);
        var close = Array.IndexOf(readme, "```", open + 1);
        var block = readme[(open + 1)..close].SkipWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Length == 0).ToArray();

        var sample = File.ReadAllLines(Path.Combine(root, "tests", "EspProv.Cli.Tests", "Samples", "ReadmeSample.cs"));
        var from = Array.FindIndex(sample, l => l.Trim() == "// README:begin") + 1;
        var to = Array.FindIndex(sample, l => l.Trim() == "// README:end");
        var compiled = sample[from..to].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()).ToArray();

        Assert.Equal(compiled, block);
    }

    [Fact]
    public async Task The_sample_provisions_a_simulated_device()
    {
        await using var device = await SimDevice.StartAsync();
        using var output = new StringWriter();

        var result = await ReadmeSample.RunAsync(device.ServiceName, output);

        Assert.Equal("secret", device.Device.Snapshot.AppliedCredentials!.PassphraseText);
        Assert.Contains($"Device IP: {result.Wifi!.Ip4}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Session established (security 2)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_console_pipe_provisions_the_console_device()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var fifo = Array.FindIndex(readme, l => l.Contains("mkfifo", StringComparison.Ordinal));
        Assert.True(fifo > 0 && readme[fifo - 1] == "```sh", "README shows no console FIFO block");
        var block = string.Join('\n', readme[fifo..Array.IndexOf(readme, "```", fifo)]);
        var temp = Directory.CreateTempSubdirectory("esp-prov-fifo-");
        try
        {
            // Run exactly as written; TMPDIR keeps mktemp's directory (and the FIFO) inside this test's own.
            var run = await CliRunner.RunShellAsync(block, new CliOptions
            {
                Environment = new Dictionary<string, string> { ["TMPDIR"] = temp.FullName },
                Timeout = TimeSpan.FromSeconds(60),
            });

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("==== Provisioning was successful ====", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("GetStatus -> Connected ssid=\"OracleNet\"", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EspProv.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (EspProv.slnx) was not found above the test binaries.");
    }
}
