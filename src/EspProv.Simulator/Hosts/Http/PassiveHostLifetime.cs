using Microsoft.Extensions.Hosting;

namespace EspProv.Simulator.Hosts.Http;

/// <summary>
/// Replaces the console lifetime so that each embedded server does not hook Ctrl+C; the caller owns
/// shutdown (many devices run in one process).
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
