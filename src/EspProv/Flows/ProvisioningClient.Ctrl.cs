using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Protocol.NetworkProv;
using EspProv.Protocol.WifiProv;
using Google.Protobuf;

namespace EspProv.Flows;

public sealed partial class ProvisioningClient
{
    /// <summary>prov-ctrl reset: after a failed attempt, lets the device take new credentials in the same session.</summary>
    public Task ResetWifiAsync(CancellationToken cancellationToken = default) =>
        CtrlAsync((uint)WiFiCtrlMsgType.TypeCmdCtrlReset, "Wi-Fi reset", cancellationToken);

    /// <summary>prov-ctrl reprov: after success, puts a device that keeps provisioning running back to the start.</summary>
    public Task ReprovisionWifiAsync(CancellationToken cancellationToken = default) =>
        CtrlAsync((uint)WiFiCtrlMsgType.TypeCmdCtrlReprov, "Wi-Fi reprovisioning", cancellationToken);

    /// <summary>prov-ctrl Thread reset (network_provisioning).</summary>
    public Task ResetThreadAsync(CancellationToken cancellationToken = default) =>
        CtrlAsync((uint)NetworkCtrlMsgType.TypeCmdCtrlThreadReset, "Thread reset", cancellationToken);

    /// <summary>prov-ctrl Thread reprov (network_provisioning).</summary>
    public Task ReprovisionThreadAsync(CancellationToken cancellationToken = default) =>
        CtrlAsync((uint)NetworkCtrlMsgType.TypeCmdCtrlThreadReprov, "Thread reprovisioning", cancellationToken);

    // The Wi-Fi and network ctrl payloads are the same bytes; NetworkCtrlPayload covers both families.
    private async Task CtrlAsync(uint command, string operation, CancellationToken cancellationToken)
    {
        var request = new NetworkCtrlPayload { Msg = (NetworkCtrlMsgType)command };
        var response = await ExchangeAsync(Endpoints.ProvCtrl, request, request.Msg, NetworkCtrlPayload.Parser, r => r.Msg, false, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus(operation, response.Status);
    }
}
