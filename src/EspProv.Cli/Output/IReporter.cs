using EspProv.Flows;

namespace EspProv.Cli.Output;

/// <summary>Where a run's progress, traces and outcome go: people (text) or programs (NDJSON).</summary>
internal interface IReporter
{
    void Progress(ProvisioningProgress progress);

    void Trace(ProvisioningTrace trace);

    void Info(string message);

    void Success(ProvisioningResult result);

    void Failure(Exception exception, int exitCode, string errorCode);
}
