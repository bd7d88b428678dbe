using System.Text.Json;
using EspProv.Flows;
using EspProv.Model;
using EspProv.Transport.Ble;
using EspProv.Wifi.NetworkManager;

namespace EspProv.Cli.Output;

/// <summary>
/// <c>--json</c>: newline-delimited JSON on stdout, one object per event, the last one the result
/// (schema in the README). Written with Utf8JsonWriter, so no reflection and nothing for AOT to trim.
/// With a <paramref name="device"/> (a batch), every object names the device it is about.
/// </summary>
internal sealed class JsonReporter(TextWriter output, bool verbose, bool showSecrets, string? device = null) : IReporter
{
    public void Progress(ProvisioningEvent progress)
    {
        switch (progress)
        {
            case ProvisioningTrace trace:
                Trace(trace);
                return;
            case SecurityWarning warning:
                Write(w =>
                {
                    w.WriteString("event", "warning");
                    w.WriteString("code", EventNames.Warning(warning.Kind));
                    w.WriteString("message", warning.Message);
                });
                return;
        }

        var (stage, fields) = EventNames.Progress(progress);
        WriteProgress(stage, progress.Message, fields);
    }

    public void SoftAp(SoftApEvent step)
    {
        if (step is ConnectionRestoreFailed failed)
        {
            Write(w =>
            {
                w.WriteString("event", "warning");
                w.WriteString("code", SoftApEventNames.RestoreFailed);
                w.WriteString("message", failed.Message);
            });
            return;
        }

        var (stage, fields) = SoftApEventNames.Progress(step);
        WriteProgress(stage, step.Message, fields);
    }

    private void WriteProgress(string stage, string message, Action<Utf8JsonWriter>? fields) => Write(w =>
    {
        w.WriteString("event", "progress");
        w.WriteString("stage", stage);
        w.WriteString("message", message);
        if (fields is not null)
        {
            w.WriteStartObject("fields");
            fields(w);
            w.WriteEndObject();
        }
    });

    private void Trace(ProvisioningTrace trace)
    {
        if (!verbose)
        {
            return;
        }

        Write(w =>
        {
            w.WriteString("event", "trace");
            w.WriteString("direction", trace.Outgoing ? "out" : "in");
            w.WriteString("endpoint", trace.Endpoint);
            w.WriteString("wire_hex", TraceFormatter.Wire(trace, showSecrets));
            if (TraceFormatter.Plaintext(trace, showSecrets) is { } plain)
            {
                w.WriteString("plain_hex", plain);
            }
        });
    }

    public void Info(string message) => Write(w =>
    {
        w.WriteString("event", "info");
        w.WriteString("message", message);
    });

    public void Success(OperationResult result) => Write(w =>
    {
        w.WriteString("event", "result");
        w.WriteString("status", "success");
        w.WriteNumber("security", (int)result.Security);
        switch (result)
        {
            case ProvisioningResult provisioned:
                WriteNetwork(w, provisioned);
                break;
            case ControlResult control:
                w.WriteString("control", EventNames.Control(control.Command));
                break;
            case EndpointResult endpoint:
                w.WriteString("response_hex", Convert.ToHexStringLower(endpoint.Response));
                break;
            case ScanResult scan:
                w.WriteString("network", scan.Device.IsThread ? "thread" : "wifi");
                w.WriteNumber("count", scan.Device.IsThread ? scan.ThreadNetworks.Count : scan.AccessPoints.Count);
                EventNames.ScanLists(w, scan.AccessPoints, scan.ThreadNetworks);
                break;
        }
    });

    private static void WriteNetwork(Utf8JsonWriter w, ProvisioningResult result)
    {
        if (result.Wifi is { } wifi)
        {
            w.WriteString("network", "wifi");
            w.WriteString("ssid", wifi.SsidText);
            w.WriteString("ssid_hex", Convert.ToHexStringLower(wifi.Ssid));
            w.WriteString("bssid", wifi.BssidText);
            w.WriteNumber("channel", wifi.Channel);
            w.WriteString("auth", AuthModeNames.Of(wifi.Auth));
            w.WriteString("ip4", wifi.Ip4);
        }

        if (result.Thread is { } thread)
        {
            w.WriteString("network", "thread");
            w.WriteString("network_name", thread.NetworkName);
            w.WriteNumber("pan_id", thread.PanId);
            w.WriteString("ext_pan_id", Convert.ToHexStringLower(thread.ExtPanId));
            w.WriteNumber("channel", thread.Channel);
        }

        if (result.CustomDataResponse is { } response)
        {
            w.WriteString("response_hex", Convert.ToHexStringLower(response));
        }
    }

    // One object per device, so that a script can read them as they are.
    public void Devices(IReadOnlyList<BleDeviceInfo> devices)
    {
        foreach (var device in devices)
        {
            Write(w =>
            {
                w.WriteString("name", device.Name);
                w.WriteString("address", device.Address);
                if (device.Rssi is { } rssi)
                {
                    w.WriteNumber("rssi", rssi);
                }

                w.WriteStartArray("service_uuids");
                foreach (var uuid in device.ServiceUuids)
                {
                    w.WriteStringValue(uuid);
                }

                w.WriteEndArray();
            });
        }
    }

    public void AccessPoints(IReadOnlyList<SoftApInfo> accessPoints)
    {
        foreach (var ap in accessPoints)
        {
            Write(w => SoftApEventNames.AccessPoint(w, ap));
        }
    }

    public void Credentials(string username, EspProv.Security.Sec2Credentials credentials) => Write(w =>
    {
        w.WriteString("event", "result");
        w.WriteString("status", "success");
        w.WriteString("username", username);
        w.WriteString("salt_hex", Convert.ToHexStringLower(credentials.Salt));
        w.WriteString("verifier_hex", Convert.ToHexStringLower(credentials.Verifier));
    });

    public void Failure(Exception exception, int exitCode, string errorCode) => Write(w =>
    {
        w.WriteString("event", "result");
        w.WriteString("status", "failed");
        w.WriteString("error", errorCode);
        w.WriteNumber("exit_code", exitCode);
        w.WriteString("message", exception.Message);
        if (ErrorHints.For(exception) is { } hint)
        {
            w.WriteString("hint", hint);
        }
    });

    // NDJSON for programs, not HTML: keep UTF-8 SSIDs and quotes readable instead of \u-escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One object on one line, flushed at once.</summary>
    public void Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (device is not null)
            {
                writer.WriteString("device", device);
            }

            body(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }
}
