using System.CommandLine;
using EspProv.Cli.Output;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Security;
using Spectre.Console;

namespace EspProv.Cli.Commands;

/// <summary>The root command: provisions a device the way esp_prov does, or prints sec2 credentials.</summary>
internal sealed class ProvisionCommand(ProvisionOptions options)
{
    public async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(options.Json);
        var transportName = parse.GetValue(options.Transport)?.ToLowerInvariant();

        // With the console transport stdout carries the device protocol, so people (and --json readers)
        // read stderr; a BLE link that falls back to the console moves them there too.
        var humanOutput = new SwitchableWriter(transportName == "console" ? Console.Error : Console.Out);
        var humanConsole = CreateConsole(humanOutput);
        IReporter reporter = json
            ? new JsonReporter(humanOutput, parse.GetValue(options.Verbose), parse.GetValue(options.ShowSecrets))
            : new HumanReporter(humanConsole, Console.Error, parse.GetValue(options.Verbose), parse.GetValue(options.ShowSecrets));
        try
        {
            var settings = ProvisionSettings.From(parse, options);
            if (settings.GenerateCredentials)
            {
                return GenerateCredentials(settings, json);
            }

            var interactive = !settings.NonInteractive && !json && !Console.IsInputRedirected && settings.Transport != "console";
            await using var transport = await TransportFactory.CreateAsync(settings, reporter, interactive ? humanConsole : null, () => humanOutput.Target = Console.Error, cancellationToken).ConfigureAwait(false);
            await using var client = new ProvisioningClient(transport, ownsTransport: false);
            client.Traced += reporter.Trace;
            var provisioner = new Provisioner(client, interactive && transport.Kind != Transport.TransportKind.Console ? new ConsolePrompts(humanConsole) : NoPrompts.Instance);
            provisioner.Progress += reporter.Progress;
            if (Environment.GetEnvironmentVariable(TestFaultVariable) == "internal")
            {
                // Documented in the README: lets scripts (and esp-prov's own tests) exercise exit 1 without a real bug,
                // raised mid-run so that the transport and session are live when it happens, as with a real bug.
                provisioner.Progress += progress =>
                {
                    if (progress.Stage == ProvisioningStage.SessionEstablished)
                    {
                        throw new InvalidOperationException($"Internal error injected by {TestFaultVariable}=internal.");
                    }
                };
            }

            var request = settings.Transport == "sim" ? WithSimulatorDefaults(settings.Request) : settings.Request;
            var result = await provisioner.RunAsync(request, cancellationToken).ConfigureAwait(false);
            if (settings.Verbose && settings.ShowSecrets && client.Security is { } security)
            {
                reporter.Info($"Session key: {SessionKeyHex(security)}");
            }

            reporter.Success(result);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (code, error) = ExitCodes.Classify(ex);
            // Whatever was waiting when Ctrl+C came says "a task was canceled"; say what happened instead.
            reporter.Failure(code == ExitCodes.Cancelled && cancellationToken.IsCancellationRequested ? new OperationCanceledException("Cancelled (Ctrl+C).", ex) : ex, code, error);
            return code;
        }
    }

    /// <summary>Set to <c>internal</c>, a run fails with exit 1 (<c>internal</c>) once the session is established.</summary>
    internal const string TestFaultVariable = "ESP_PROV_TEST_FAULT";

    // The in-process device is ESP-IDF's wifi_prov_mgr example; its credentials are public.
    private static ProvisioningRequest WithSimulatorDefaults(ProvisioningRequest request) => request with
    {
        ProofOfPossession = request.ProofOfPossession ?? ExampleFirmware.ProofOfPossession,
        Sec2Username = request.Sec2Username ?? ExampleFirmware.Sec2Username,
        Sec2Password = request.Sec2Password ?? ExampleFirmware.Sec2Password,
    };

    private static int GenerateCredentials(ProvisionSettings settings, bool json)
    {
        var username = settings.Request.Sec2Username;
        var password = settings.Request.Sec2Password;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            throw new UsageException("Username/password cannot be empty for security scheme 2 (SRP6a): pass --sec2_username and --sec2_pwd.");
        }

        if (settings.SaltLength is < 1 or > 1024)
        {
            throw new UsageException("--sec2_salt_len must be between 1 and 1024.");
        }

        var credentials = Sec2Credentials.Generate(username, password, settings.SaltLength);
        if (json)
        {
            Console.Out.WriteLine($"{{\"event\":\"result\",\"status\":\"success\",\"username\":{System.Text.Json.JsonSerializer.Serialize(username, CliJsonContext.Default.String)},\"salt_hex\":\"{Convert.ToHexStringLower(credentials.Salt)}\",\"verifier_hex\":\"{Convert.ToHexStringLower(credentials.Verifier)}\"}}");
        }
        else
        {
            Console.Out.Write(credentials.ToCArrays());
        }

        return ExitCodes.Success;
    }

    private static string SessionKeyHex(IClientSecurity security) => security switch
    {
        Security1Client s1 when s1.SessionKey is { } key => Convert.ToHexStringLower(key),
        Security2Client s2 when s2.SessionKey is { } key => Convert.ToHexStringLower(key),
        _ => "(none)",
    };

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        // No escape codes into pipes and log files, whatever TERM claims.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            // Spectre wraps redirected output at 80 columns; log files and pipes want whole lines.
            console.Profile.Width = 1000;
        }

        return console;
    }
}
