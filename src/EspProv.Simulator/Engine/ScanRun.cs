namespace EspProv.Simulator;

/// <summary>
/// One scan's lifetime: results become visible when it finishes. A scan started while another runs
/// is not restarted (wifi_scan.c answers Success at once).
/// </summary>
internal sealed class ScanRun<T>
{
    private readonly TimeProvider _time;
    private IReadOnlyList<T> _results = [];
    private DateTimeOffset _finishesAt = DateTimeOffset.MinValue;

    public ScanRun(TimeProvider time)
    {
        _time = time;
    }

    public bool IsScanning => _time.GetUtcNow() < _finishesAt;

    /// <summary>The retained results; empty while a scan runs because the device clears the list at start.</summary>
    public IReadOnlyList<T> Results => IsScanning ? [] : _results;

    /// <summary>Starts a scan unless one is running; returns how long until it finishes.</summary>
    public TimeSpan Start(IReadOnlyList<T> results, TimeSpan duration)
    {
        var now = _time.GetUtcNow();
        if (now < _finishesAt)
        {
            return TimeSpan.Zero;
        }

        _results = results;
        _finishesAt = now + duration;
        return duration;
    }

    public TimeSpan Remaining
    {
        get
        {
            var left = _finishesAt - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
}
