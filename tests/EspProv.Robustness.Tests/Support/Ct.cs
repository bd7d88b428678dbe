namespace EspProv.Robustness.Tests.Support;

internal static class Ct
{
    /// <summary>The test's token, bounded by <paramref name="seconds"/> so no case can hang the run.</summary>
    public static CancellationTokenSource Bounded(double seconds)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts;
    }
}
