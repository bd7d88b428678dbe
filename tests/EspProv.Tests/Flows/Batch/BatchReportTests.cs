using System.Text;
using System.Text.Json;
using EspProv.Flows;
using EspProv.Flows.Batch;
using EspProv.Protocol.WifiProv;

namespace EspProv.Tests.Flows.Batch;

/// <summary>The report file: whole lines only, read back for resuming.</summary>
public sealed class BatchReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"esp-prov-report-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public void Each_entry_is_one_JSON_line_with_the_device_details()
    {
        using (var writer = new BatchReportWriter(_path))
        {
            writer.Append(Entry("kitchen", BatchDeviceStatus.Succeeded));
            writer.Append(Entry("hall", BatchDeviceStatus.Failed));
        }

        var lines = File.ReadAllText(_path).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        using var ok = JsonDocument.Parse(lines[0]);
        Assert.Equal("kitchen", ok.RootElement.GetProperty("name").GetString());
        Assert.Equal("success", ok.RootElement.GetProperty("status").GetString());
        Assert.Equal("192.168.4.2", ok.RootElement.GetProperty("ip4").GetString());
        Assert.Equal("02:00:5e:10:00:01", ok.RootElement.GetProperty("bssid").GetString());
        Assert.Equal(2, ok.RootElement.GetProperty("security").GetInt32());
        Assert.Equal("2026-12-02T08:00:00.0000000Z", ok.RootElement.GetProperty("started_at").GetString());
        Assert.Equal(1.5, ok.RootElement.GetProperty("duration_s").GetDouble());
        using var failed = JsonDocument.Parse(lines[1]);
        Assert.Equal("wifi_auth_error", failed.RootElement.GetProperty("error").GetString());
        Assert.Equal(6, failed.RootElement.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public void A_line_left_unfinished_by_a_crash_is_ignored_when_read_and_cut_off_when_appending()
    {
        File.WriteAllBytes(_path, [.. BatchReportWriter.Serialize(Entry("kitchen", BatchDeviceStatus.Succeeded)), .. "{\"name\":\"hall\",\"sta"u8]);

        Assert.Equal(new Dictionary<string, string> { ["kitchen"] = "success" }, BatchReportReader.LatestStatus(_path));

        using (var writer = new BatchReportWriter(_path))
        {
            writer.Append(Entry("hall", BatchDeviceStatus.Succeeded));
        }

        var lines = File.ReadAllText(_path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["kitchen", "hall"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_crash_mid_character_is_an_unfinished_line_like_any_other()
    {
        // "Café" cut inside the é (C3 A9): the tail alone is not valid UTF-8.
        var torn = "{\"name\":\"Caf\u00e9\",\"sta"u8.ToArray()[..^7];
        Assert.Equal(0xC3, torn[^1]);
        File.WriteAllBytes(_path, [.. BatchReportWriter.Serialize(Entry("kitchen", BatchDeviceStatus.Succeeded)), .. torn]);

        Assert.Equal(new Dictionary<string, string> { ["kitchen"] = "success" }, BatchReportReader.LatestStatus(_path));
    }

    [Fact]
    public void Text_that_is_not_UTF_8_before_the_last_line_is_still_refused()
    {
        File.WriteAllBytes(_path, [.. "{\"name\":\"Caf"u8, 0xC3, .. "\",\"status\":\"success\"}\n"u8]);

        Assert.Throws<DecoderFallbackException>(() => BatchReportReader.LatestStatus(_path));
    }

    [Fact]
    public void A_second_writer_is_refused_while_readers_still_read_and_the_lock_goes_with_the_first()
    {
        using (var first = new BatchReportWriter(_path))
        {
            first.Append(Entry("kitchen", BatchDeviceStatus.Succeeded));

            var refused = Assert.Throws<BatchReportInUseException>(() => new BatchReportWriter(_path));
            Assert.Equal(_path + ".lock", refused.LockPath);
            Assert.Equal(new Dictionary<string, string> { ["kitchen"] = "success" }, BatchReportReader.LatestStatus(_path));
            Assert.EndsWith("\n", File.ReadAllText(_path), StringComparison.Ordinal);
            first.Append(Entry("hall", BatchDeviceStatus.Succeeded));
        }

        Assert.False(File.Exists(_path + ".lock"));
        using (var next = new BatchReportWriter(_path))
        {
            next.Append(Entry("garage", BatchDeviceStatus.Succeeded));
        }

        Assert.Equal(["kitchen", "hall", "garage"], BatchReportReader.LatestStatus(_path).Keys);
    }

    [Fact]
    public void The_latest_line_of_a_device_decides()
    {
        using (var writer = new BatchReportWriter(_path))
        {
            writer.Append(Entry("hall", BatchDeviceStatus.Failed));
            writer.Append(Entry("hall", BatchDeviceStatus.Succeeded));
            writer.Append(Entry("garage", BatchDeviceStatus.Succeeded));
            writer.Append(Entry("garage", BatchDeviceStatus.Cancelled));
        }

        Assert.Equal(new Dictionary<string, string> { ["hall"] = "success", ["garage"] = "cancelled" }, BatchReportReader.LatestStatus(_path));
    }

    [Fact]
    public void A_damaged_line_before_the_last_is_an_error_naming_it()
    {
        File.WriteAllText(_path, "{\"name\":\"a\",\"status\":\"success\"}\nnot json\n{\"name\":\"b\",\"status\":\"success\"}\n", Encoding.UTF8);

        var error = Assert.Throws<FormatException>(() => BatchReportReader.LatestStatus(_path));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_that_fills_mid_line_stops_the_report_with_a_typed_error_and_no_half_line()
    {
        var first = BatchReportWriter.Serialize(Entry("kitchen", BatchDeviceStatus.Succeeded));
        var disk = new FillingStream(capacity: first.Length + 10);
        var writer = new BatchReportWriter("report.jsonl", disk);
        writer.Append(Entry("kitchen", BatchDeviceStatus.Succeeded));

        var error = Assert.Throws<BatchReportWriteException>(() => writer.Append(Entry("hall", BatchDeviceStatus.Failed)));

        Assert.Equal("report.jsonl", error.Path);
        Assert.IsType<IOException>(error.InnerException, exactMatch: true);
        Assert.Equal(first, disk.ToArray());
    }

    [Fact]
    public void A_directory_is_flushed_where_the_OS_allows_and_a_missing_one_is_reported()
    {
        // Linux and macOS fsync a directory opened for reading; Windows needs no such step and reports false.
        Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), DirectorySync.Flush(Path.GetDirectoryName(_path)!));
        Assert.False(DirectorySync.Flush(_path + ".missing-directory"));
    }

    public void Dispose()
    {
        File.Delete(_path);
        File.Delete(_path + ".lock");
    }

    /// <summary>A disk of <c>capacity</c> bytes: a write beyond it stores what fits, then fails (ENOSPC).</summary>
    private sealed class FillingStream(int capacity) : MemoryStream
    {
        // MemoryStream's span overload of a derived type goes through the array one.
        public override void Write(byte[] buffer, int offset, int count)
        {
            var room = (int)Math.Max(0, capacity - Position);
            base.Write(buffer, offset, Math.Min(room, count));
            if (count > room)
            {
                throw new IOException("No space left on device");
            }
        }
    }

    private static BatchReportEntry Entry(string name, BatchDeviceStatus status)
    {
        var device = new BatchDevice { Name = name, ServiceName = "192.168.4.1", Session = new SessionRequest(), Request = new ProvisioningRequest() };
        var result = new BatchDeviceResult
        {
            Device = device,
            Status = status,
            Result = status == BatchDeviceStatus.Succeeded
                ? new ProvisioningResult
                {
                    Device = EspProv.Protocol.DeviceInfo.Parse("""{"prov":{"ver":"v1.1","sec_ver":2,"cap":["wifi_scan"]}}"""u8.ToArray()),
                    Security = EspProv.Security.SecurityVersion.Sec2,
                    Wifi = new WifiConnection("192.168.4.2", "Factory"u8.ToArray(), [0x02, 0x00, 0x5e, 0x10, 0x00, 0x01], 6, WifiAuthMode.Wpa2Psk),
                }
                : null,
            Error = status == BatchDeviceStatus.Failed ? new EspProv.Errors.WifiConnectionFailedException(WifiConnectFailedReason.AuthError) : null,
            StartedAt = Start,
            EndedAt = Start.AddSeconds(1.5),
            Attempts = 1,
        };
        return BatchReportEntry.From(result, status == BatchDeviceStatus.Failed ? "wifi_auth_error" : null, status == BatchDeviceStatus.Failed ? 6 : 0);
    }
}
