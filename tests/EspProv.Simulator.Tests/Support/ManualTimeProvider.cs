namespace EspProv.Simulator.Tests.Support;

/// <summary>A clock that only moves when a test says so (the engine reads time lazily, so no timers are needed).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
