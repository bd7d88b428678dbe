using System.CommandLine;
using EspProv.Cli.Output;
using EspProv.Flows;
using EspProv.Transport;
using EspProv.Model;
using EspProv.Security;

namespace EspProv.Cli.Commands;

/// <summary>The root command: provisions a device the way esp_prov does, or prints sec2 credentials.</summary>
internal sealed class ProvisionCommand(ProvisionOptions options, StandardStreams streams)
{
    public async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(options.Json);
        ProvisionSettings settings;
        try
        {
            settings = ProvisionSettings.From(parse, options);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The command line did not resolve, so no transport was chosen; a console transport named by
            // the flag or the QR payload still keeps stdout for the device's protocol.
            var console = string.Equals(parse.GetValue(options.Transport), "console", StringComparison.OrdinalIgnoreCase)
                || (parse.GetValue(options.QrCode)?.Contains("\"console\"", StringComparison.OrdinalIgnoreCase) ?? false);
            return CommandOutcome.Fail(ex, CreateReporter(json, console ? streams.Error : streams.Out, parse, terminal: false).Failure, cancellationToken);
        }

        // Every later decision comes from the resolved settings: with the console transport (named by a flag
        // or by the QR payload) stdout carries the device protocol, so people and --json readers read stderr;
        // a BLE link that falls back to the console moves them there too.
        var humanOutput = new SwitchableWriter(settings.Transport == TransportName.Console ? streams.Error : streams.Out);
        var reporter = CreateReporter(json, humanOutput, parse, terminal: !streams.OutputRedirected && humanOutput.Target == streams.Out);
        return await CommandOutcome.RunAsync(() => RunAsync(settings, reporter, humanOutput, cancellationToken), reporter.Failure, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunAsync(ProvisionSettings settings, IReporter reporter, SwitchableWriter humanOutput, CancellationToken cancellationToken)
    {
        if (settings.Operation == ProvisionOperation.GenerateCredentials)
        {
            return GenerateCredentials(settings, reporter);
        }

        var humanConsole = OutputConsole.Create(humanOutput);
        var interactive = !settings.NonInteractive && !settings.Json && !streams.InputRedirected && settings.Transport != TransportName.Console;
        var joined = await SoftApJoin.BeginAsync(settings, reporter, interactive ? new ConsolePrompts(humanConsole) : null, cancellationToken).ConfigureAwait(false);
        settings = joined.Settings;

        // Declared first, so disposed (the host's network restored) last, also on failure and Ctrl+C.
        await using var softAp = joined.Lease;
        await using var transport = await TransportFactory.CreateAsync(settings, streams, reporter.Info, interactive ? humanConsole : null, () => humanOutput.Target = streams.Error, cancellationToken).ConfigureAwait(false);
        await using var client = new ProvisioningClient(transport, ownsTransport: false);
        var provisioner = new Provisioner(client, interactive && transport.Kind != Transport.TransportKind.Console ? new ConsolePrompts(humanConsole) : NoPrompts.Instance);
        provisioner.Progress += reporter.Progress;
        if (Environment.GetEnvironmentVariable(TestFaultVariable) == "internal")
        {
            // Documented in the README: lets scripts (and esp-prov's own tests) exercise exit 1 without a real bug,
            // raised mid-run so that the transport and session are live when it happens, as with a real bug.
            provisioner.Progress += progress =>
            {
                if (progress is SessionEstablished)
                {
                    throw new InvalidOperationException($"Internal error injected by {TestFaultVariable}=internal.");
                }
            };
        }

        var session = settings.Transport == TransportName.Sim ? WithSimulatorDefaults(settings.Session) : settings.Session;
        OperationResult result = settings.Operation switch
        {
            ProvisionOperation.Reset => await provisioner.ResetAsync(session, cancellationToken).ConfigureAwait(false),
            ProvisionOperation.Reprovision => await provisioner.ReprovisionAsync(session, cancellationToken).ConfigureAwait(false),
            ProvisionOperation.CallEndpoint => await provisioner.CallEndpointAsync(session, settings.Endpoint!, settings.EndpointData, cancellationToken).ConfigureAwait(false),
            ProvisionOperation.Scan => await provisioner.ScanAsync(session, cancellationToken).ConfigureAwait(false),
            _ => await provisioner.ProvisionAsync(session, settings.Request, cancellationToken).ConfigureAwait(false),
        };
        if (settings.Verbose && settings.ShowSecrets && client.Security is { } security)
        {
            reporter.Info($"Session key: {Convert.ToHexStringLower(security.SessionKey.Span)}");
        }

        if (softAp is not null)
        {
            // Before the result, which is the last line of a run.
            await softAp.DisposeAsync().ConfigureAwait(false);
        }

        reporter.Success(result);
        return ExitCodes.Success;
    }

    private IReporter CreateReporter(bool json, TextWriter output, ParseResult parse, bool terminal)
    {
        var verbose = parse.GetValue(options.Verbose);
        var showSecrets = parse.GetValue(options.ShowSecrets);
        // A terminal shows a scan with the prompt that chooses from it; anywhere else the reporter shows it.
        var showScans = parse.GetValue(options.NonInteractive) || streams.InputRedirected;
        return json ? new JsonReporter(output, verbose, showSecrets) : new HumanReporter(output, streams.Error, verbose, showSecrets, showScans, updateInPlace: terminal);
    }

    /// <summary>Set to <c>internal</c>, a run fails with exit 1 (<c>internal</c>) once the session is established.</summary>
    internal const string TestFaultVariable = "ESP_PROV_TEST_FAULT";

    // The in-process device is ESP-IDF's wifi_prov_mgr example; its credentials are public.
    private static SessionRequest WithSimulatorDefaults(SessionRequest request) => request with
    {
        ProofOfPossession = request.ProofOfPossession ?? ExampleFirmware.ProofOfPossession,
        Sec2Username = request.Sec2Username ?? ExampleFirmware.Sec2Username,
        Sec2Password = request.Sec2Password ?? ExampleFirmware.Sec2Password,
    };

    private static int GenerateCredentials(ProvisionSettings settings, IReporter reporter)
    {
        var username = settings.Session.Sec2Username;
        var password = settings.Session.Sec2Password;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            throw new UsageException("Username/password cannot be empty for security scheme 2 (SRP6a): pass --sec2_username and --sec2_pwd.");
        }

        if (settings.SaltLength is < 1 or > 1024)
        {
            throw new UsageException("--sec2_salt_len must be between 1 and 1024.");
        }

        reporter.Credentials(username, Sec2Credentials.Generate(username, password, settings.SaltLength));
        return ExitCodes.Success;
    }
}
