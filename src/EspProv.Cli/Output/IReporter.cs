using EspProv.Flows;
using EspProv.Transport.Ble;

namespace EspProv.Cli.Output;

/// <summary>Where a run's progress, traces and outcome go: people (text) or programs (NDJSON).</summary>
internal interface IReporter
{
    /// <summary>An event of the operation; wire traces (<see cref="ProvisioningTrace"/>) show only with -v.</summary>
    void Progress(ProvisioningEvent progress);

    void Info(string message);

    void Success(OperationResult result);

    /// <summary>A step of joining the device's softAP or restoring the host's network.</summary>
    void SoftAp(EspProv.Wifi.NetworkManager.SoftApEvent step);

    /// <summary>The outcome of <c>esp-prov discover --softap</c>.</summary>
    void AccessPoints(IReadOnlyList<EspProv.Wifi.NetworkManager.SoftApInfo> accessPoints);

    /// <summary>The outcome of <c>esp-prov discover</c>.</summary>
    void Devices(IReadOnlyList<BleDeviceInfo> devices);

    /// <summary>The outcome of <c>--sec2_gen_cred</c>.</summary>
    void Credentials(string username, EspProv.Security.Sec2Credentials credentials);

    void Failure(Exception exception, int exitCode, string errorCode);
}
