using System.Globalization;
using System.Text.Json;
using EspProv.Model;

namespace EspProv.Flows.Batch;

/// <summary>
/// One line of a batch report: a device's outcome with what a factory line keeps about it. The error and
/// exit codes are the caller's (the library does not number failures); the rest comes from the result.
/// </summary>
public sealed record BatchReportEntry
{
    /// <summary>The <c>status</c> of a provisioned device.</summary>
    public const string Success = "success";

    /// <summary>The <c>status</c> of a device skipped because an earlier run provisioned it (never written to a report).</summary>
    public const string Skipped = "skipped";

    /// <summary>The device's name.</summary>
    public required string Name { get; init; }

    /// <summary>The device's service name.</summary>
    public string? ServiceName { get; init; }

    /// <summary><c>success</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>A stable error code (failures only).</summary>
    public string? Error { get; init; }

    /// <summary>The exit code a single run with this outcome would have had.</summary>
    public int ExitCode { get; init; }

    /// <summary>What happened, for people (device text in it is raw).</summary>
    public string? Message { get; init; }

    /// <summary>The security scheme of the session, when one was opened.</summary>
    public int? Security { get; init; }

    /// <summary>Wi-Fi: the network the device joined.</summary>
    public WifiConnection? Wifi { get; init; }

    /// <summary>Thread: the network the device attached to.</summary>
    public ThreadAttachment? Thread { get; init; }

    /// <summary>When the device's first attempt began.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the device was done.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Attempts made.</summary>
    public required int Attempts { get; init; }

    /// <summary>The line for <paramref name="result"/>, with the caller's <paramref name="error"/> code and <paramref name="exitCode"/> for a failure.</summary>
    public static BatchReportEntry From(BatchDeviceResult result, string? error, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        var provisioned = result.Result;
        return new BatchReportEntry
        {
            Name = result.Device.Name,
            ServiceName = result.Device.ServiceName,
            Status = result.Status switch
            {
                BatchDeviceStatus.Succeeded => Success,
                BatchDeviceStatus.Cancelled => "cancelled",
                BatchDeviceStatus.Skipped => Skipped,
                BatchDeviceStatus.NotStarted => "not_started",
                _ => "failed",
            },
            Error = provisioned is null ? error : null,
            ExitCode = provisioned is null ? exitCode : 0,
            Message = provisioned is null ? result.Error?.Message : Describe(provisioned),
            Security = (provisioned?.Security ?? result.Security) is { } security ? (int)security : null,
            Wifi = provisioned?.Wifi,
            Thread = provisioned?.Thread,
            StartedAt = result.StartedAt,
            EndedAt = result.EndedAt,
            Attempts = result.Attempts,
        };
    }

    private static string Describe(ProvisioningResult result) => result.Wifi is { } wifi
        ? $"Connected to '{wifi.SsidText}' with IP {wifi.Ip4}"
        : result.Thread is { } thread ? $"Attached to Thread network '{thread.NetworkName}'" : "Provisioned";

    /// <summary>Writes the entry's properties (snake_case, as in the report) into the object <paramref name="w"/> is in.</summary>
    public void WriteProperties(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteString("name", Name);
        w.WriteString("service_name", ServiceName);
        w.WriteString("status", Status);
        w.WriteString("error", Error);
        w.WriteNumber("exit_code", ExitCode);
        w.WriteString("message", Message);
        if (Security is { } security)
        {
            w.WriteNumber("security", security);
        }

        if (Wifi is { } wifi)
        {
            w.WriteString("network", "wifi");
            w.WriteString("ssid", wifi.SsidText);
            w.WriteString("bssid", wifi.BssidText);
            w.WriteNumber("channel", wifi.Channel);
            w.WriteString("auth", AuthModeNames.Of(wifi.Auth));
            w.WriteString("ip4", wifi.Ip4);
        }

        if (Thread is { } thread)
        {
            w.WriteString("network", "thread");
            w.WriteString("network_name", thread.NetworkName);
            w.WriteNumber("pan_id", thread.PanId);
            w.WriteString("ext_pan_id", Convert.ToHexStringLower(thread.ExtPanId));
            w.WriteNumber("channel", thread.Channel);
        }

        w.WriteString("started_at", StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("ended_at", EndedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("duration_s", Math.Round((EndedAt - StartedAt).TotalSeconds, 3));
        w.WriteNumber("attempts", Attempts);
    }
}
