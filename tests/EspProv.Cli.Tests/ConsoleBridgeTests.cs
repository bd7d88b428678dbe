using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EspProv.Cli.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Transport;

namespace EspProv.Cli.Tests;

/// <summary>
/// The console transport piped end to end: the client's stdout feeds the device's console input and the
/// device's answers feed the client's stdin — once with <c>esp-prov device --transport console</c> as a
/// second process, once with the in-process console host.
/// </summary>
public sealed class ConsoleBridgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<int> Schemes => [0, 1, 2];

    private static string[] ClientArgs(int sec) =>
    [
        "--transport", "console", "--sec_ver", sec.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--pop", "abcd1234", "--sec2_username", "wifiprov", "--sec2_pwd", "abcd1234",
        "--ssid", "OracleNet", "--passphrase", "secret123", "--custom_data", "hi",
        "--json", "--poll-interval", "0.05", "--request-timeout", "20",
    ];

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Client_and_device_processes_piped_together(int sec)
    {
        using var client = CliRunner.StartProcess(ClientArgs(sec));
        using var device = CliRunner.StartProcess(["device", "--transport", "console", "--sec-ver", sec.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var toDevice = new StringBuilder();
        var toClient = new StringBuilder();
        var clientStderr = client.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deviceStderr = device.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var pumps = Task.WhenAll(
            PumpAsync(client.StandardOutput, device.StandardInput, toDevice),
            PumpAsync(device.StandardOutput, client.StandardInput, toClient));

        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await client.WaitForExitAsync(cts.Token);
            await device.WaitForExitAsync(cts.Token); // its console input ended with the client
            await pumps.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            CliRunner.KillTree(client);
            CliRunner.KillTree(device);
            Assert.Fail($"console bridge did not finish within {Timeout.TotalSeconds} s\nclient->device:\n{toDevice}\ndevice->client:\n{toClient}\nclient stderr:\n{await clientStderr}\ndevice stderr:\n{await deviceStderr}");
        }

        var events = ParseJsonLines(await clientStderr);
        var result = events[^1];
        Assert.True(client.ExitCode == 0, $"client exit {client.ExitCode}\n{await clientStderr}\ndevice stderr:\n{await deviceStderr}");
        Assert.Equal("success", result.GetProperty("status").GetString());
        Assert.Equal(sec, result.GetProperty("security").GetInt32());
        Assert.Equal("192.168.1.123", result.GetProperty("ip4").GetString());
        Assert.Equal("5355434345535300", result.GetProperty("response_hex").GetString());
        Assert.Equal(0, device.ExitCode);
        Assert.Contains("Client->Device msg : prov-session 0 ", toDevice.ToString(), StringComparison.Ordinal);
        Assert.Contains("Transport: console (stdin/stdout)", await deviceStderr, StringComparison.Ordinal);
        Assert.Contains("GetStatus -> Connected", await deviceStderr, StringComparison.Ordinal);
        // stdout of both carries only the protocol
        Assert.DoesNotContain("{", toDevice.ToString(), StringComparison.Ordinal);
        Assert.All(toClient.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches("^[0-9a-f]+$", line));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Client_process_against_the_in_process_console_host(int sec)
    {
        using var client = CliRunner.StartProcess(ClientArgs(sec));
        var clientStderr = client.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var log = new StringWriter();
        await using var host = await SimulatorHost.StartAsync(
            new DeviceOptions { Security = (SecurityVersion)sec },
            new SimulatorHostOptions { Transport = TransportKind.Console, ConsoleInput = client.StandardOutput, ConsoleOutput = client.StandardInput },
            TextWriter.Synchronized(log),
            TestContext.Current.CancellationToken);

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await client.WaitForExitAsync(cts.Token);
            await host.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            CliRunner.KillTree(client);
            Assert.Fail($"console bridge did not finish within {Timeout.TotalSeconds} s\nclient stderr:\n{await clientStderr}\ndevice log:\n{log}");
        }

        var result = ParseJsonLines(await clientStderr)[^1];
        Assert.True(client.ExitCode == 0, $"client exit {client.ExitCode}\n{await clientStderr}\n{log}");
        Assert.Equal("success", result.GetProperty("status").GetString());
        Assert.Equal(sec, result.GetProperty("security").GetInt32());
        var snapshot = host.Devices[0].Snapshot;
        Assert.Equal("OracleNet", snapshot.AppliedCredentials!.SsidText);
        Assert.Equal(StationState.Connected, snapshot.Station);
        // Provisioning stops itself 1 s after success; a loaded machine may take that long to get here.
        Assert.Contains(snapshot.Manager, new[] { ManagerState.Succeeded, ManagerState.Stopped });
    }

    [Fact]
    public async Task Console_client_whose_input_ends_fails_with_a_transport_error()
    {
        var run = await CliRunner.RunAsync(["--transport", "console", "--sec_ver", "0", "--ssid", "x", "--passphrase", "y", "--json"], new CliOptions { Stdin = string.Empty });

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("Client->Device msg : ", run.Stdout, StringComparison.Ordinal);
        var result = ParseJsonLines(run.Stderr)[^1];
        Assert.Equal("transport", result.GetProperty("error").GetString());
    }

    /// <summary>The --json events, which the console transport moves to stderr; the last must be the result.</summary>
    private static IReadOnlyList<JsonElement> ParseJsonLines(string text)
    {
        var events = CliResult.ParseJsonLines(text);
        Assert.Equal("result", events[^1].GetProperty("event").GetString());
        return events;
    }

    private static async Task PumpAsync(StreamReader from, StreamWriter to, StringBuilder transcript)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                lock (transcript)
                {
                    transcript.Append(buffer, 0, read);
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
                await to.FlushAsync();
            }
        }
        catch (IOException)
        {
            // the other side exited
        }
        finally
        {
            try
            {
                to.Close();
            }
            catch (IOException)
            {
            }
        }
    }
}
