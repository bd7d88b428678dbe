namespace EspProv.Testing.Cli;

/// <summary>How <see cref="CliRunner"/> starts one <c>esp-prov</c> child process.</summary>
public sealed record CliOptions
{
    /// <summary>Added to (or overriding) the runner's environment, e.g. a private D-Bus system bus or a test fault.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Written to stdin at start. It is then closed (an empty string means: closed at once, no input), except
    /// on a terminal, where a closed input would read as end of file at the next prompt. Null leaves stdin
    /// open and silent until the process exits, so a run that unexpectedly waits for input hits the timeout
    /// instead of reading end of file and failing in some other way.
    /// </summary>
    public string? Stdin { get; init; }

    /// <summary>After this the process is killed and the test fails with what it printed so far.</summary>
    public TimeSpan Timeout { get; init; } = CliRunner.DefaultTimeout;

    /// <summary>
    /// Runs the CLI on a pseudo-terminal (util-linux <c>script</c>), so that it prompts and colours as for a
    /// person; <see cref="Stdin"/> is typed ahead (the terminal buffers it until each prompt reads), and
    /// everything shown, stdout and stderr alike, arrives on stdout. Skips the test where <c>script</c> is missing.
    /// </summary>
    public bool Terminal { get; init; }

    /// <summary>
    /// Starts through <c>env --default-signal=INT</c>: a child inherits an ignored SIGINT (as under a shell's
    /// background job, or a test host), and the runtime then keeps ignoring it, so a test that sends SIGINT
    /// needs the default disposition back. env execs dotnet, so the process id stays the one to signal.
    /// </summary>
    public bool DefaultSigint { get; init; }
}
