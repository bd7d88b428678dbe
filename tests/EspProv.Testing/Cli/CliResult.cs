using System.Text.Json;

namespace EspProv.Testing.Cli;

/// <summary>What one finished <c>esp-prov</c> run produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Both streams, for checks that a text appears (or never appears) anywhere in the output.</summary>
    public string All => Stdout + "\n" + Stderr;

    /// <summary>Every stdout line, each parsed as JSON (asserting that each one parses): what <c>--json</c> promises.</summary>
    public IReadOnlyList<JsonElement> JsonLines => ParseJsonLines(Stdout, ToString());

    /// <summary>The last stdout line, which must be the result object.</summary>
    public JsonElement Result
    {
        get
        {
            var last = JsonLines[^1];
            Assert.Equal("result", last.GetProperty("event").GetString());
            return last;
        }
    }

    /// <summary>The progress events.</summary>
    public IEnumerable<JsonElement> Progress => JsonLines.Where(e => e.GetProperty("event").GetString() == "progress");

    /// <summary>Asserts a JSON failure with this exit code and error code.</summary>
    public void AssertFailure(int exitCode, string error)
    {
        Assert.True(exitCode == ExitCode, $"expected exit {exitCode}, got {ExitCode}\n{this}");
        var result = Result;
        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Equal(error, result.GetProperty("error").GetString());
        Assert.Equal(exitCode, result.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetString()));
    }

    /// <summary>Asserts a JSON success and returns the result object.</summary>
    public JsonElement AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"expected exit 0, got {ExitCode}\n{this}");
        var result = Result;
        Assert.Equal("success", result.GetProperty("status").GetString());
        return result;
    }

    /// <summary>Asserts a human-mode failure: the exit code and one <c>esp-prov: error (code): …</c> line on stderr.</summary>
    public string AssertHumanFailure(int exitCode, string error)
    {
        Assert.True(exitCode == ExitCode, $"expected exit {exitCode}, got {ExitCode}\n{this}");
        var errorLines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("esp-prov: error (", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errorLines);
        Assert.StartsWith($"esp-prov: error ({error}): ", line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>Every non-empty line of <paramref name="text"/> as JSON, failing on the first that is not.</summary>
    public static IReadOnlyList<JsonElement> ParseJsonLines(string text, string? context = null)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0, $"no JSON lines\n{context ?? text}");
        var parsed = new List<JsonElement>();
        foreach (var line in lines)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                parsed.Add(document.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                Assert.Fail($"line is not JSON ({ex.Message}): {line}\n{context ?? text}");
            }
        }

        return parsed;
    }

    /// <summary>
    /// Only the lines of <paramref name="text"/> that are JSON objects: for a stream that the console
    /// transport shares with the protocol's own lines, where the strict <see cref="ParseJsonLines"/> cannot apply.
    /// </summary>
    public static IReadOnlyList<JsonElement> JsonObjectLines(string text) => text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith('{'))
        .Select(l => JsonDocument.Parse(l).RootElement.Clone())
        .ToList();

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
