using EspProv.Errors;
using EspProv.Protocol;
using EspProv.Protocol.Protocomm;
using EspProv.Protocol.WifiProv;
using Google.Protobuf;

namespace EspProv.Flows;

public sealed partial class ProvisioningClient
{
    /// <summary>Sends SetConfig. The passphrase is marked sensitive in traces.</summary>
    public async Task SetWifiConfigAsync(WifiCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var command = new CmdSetConfig
        {
            Ssid = ByteString.CopyFrom(credentials.Ssid),
            Passphrase = ByteString.CopyFrom(credentials.Passphrase),
            Channel = credentials.Channel,
        };
        if (credentials.Bssid is { Length: > 0 } bssid)
        {
            command.Bssid = ByteString.CopyFrom(bssid);
        }

        var request = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdSetConfig, CmdSetConfig = command };
        var response = await ConfigAsync(request, sensitive: true, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("SetConfig (Wi-Fi credentials)", response.RespSetConfig?.Status ?? Status.Success);
    }

    /// <summary>Sends ApplyConfig; the device then starts to connect.</summary>
    public async Task ApplyWifiConfigAsync(CancellationToken cancellationToken = default)
    {
        var request = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdApplyConfig };
        var response = await ConfigAsync(request, sensitive: false, cancellationToken).ConfigureAwait(false);
        ThrowOnStatus("ApplyConfig", response.RespApplyConfig?.Status ?? Status.Success);
    }

    /// <summary>Reads the station state once.</summary>
    public async Task<WifiStatus> GetWifiStatusAsync(CancellationToken cancellationToken = default)
    {
        var request = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdGetStatus, CmdGetStatus = new CmdGetStatus() };
        var response = await ConfigAsync(request, sensitive: false, cancellationToken).ConfigureAwait(false);
        var status = response.RespGetStatus ?? new RespGetStatus();
        ThrowOnStatus("GetStatus", status.Status);
        return status.StaState switch
        {
            WifiStationState.Connected => new WifiStatus(
                WifiStationState.Connected,
                null,
                null,
                status.Connected is { } c
                    ? new WifiConnection(c.Ip4Addr, c.Ssid.ToByteArray(), c.Bssid.ToByteArray(), c.Channel, c.AuthMode)
                    : new WifiConnection(string.Empty, [], [], 0, WifiAuthMode.Open)),
            WifiStationState.Connecting => new WifiStatus(
                WifiStationState.Connecting,
                null,
                status.StateCase == RespGetStatus.StateOneofCase.AttemptFailed ? status.AttemptFailed.AttemptsRemaining : null,
                null),
            var failed => new WifiStatus(failed, status.StateCase == RespGetStatus.StateOneofCase.FailReason ? status.FailReason : WifiConnectFailedReason.AuthError, null, null),
        };
    }

    /// <summary>
    /// Polls GetStatus until the device is connected (returns the connection) or failed (throws
    /// <see cref="WifiConnectionFailedException"/>), within <see cref="StatusPolling.Timeout"/>.
    /// </summary>
    public Task<WifiConnection> WaitForWifiAsync(StatusPolling? polling = null, CancellationToken cancellationToken = default) =>
        PollAsync(polling, "connect to Wi-Fi", async ct =>
        {
            var status = await GetWifiStatusAsync(ct).ConfigureAwait(false);
            switch (status.State)
            {
                case WifiStationState.Connected:
                    return status.Connection;
                case WifiStationState.Connecting:
                    Progress?.Invoke(new StatusPolled(PollState.Connecting, status.AttemptsRemaining));
                    return null;
                default:
                    throw new WifiConnectionFailedException(status.FailReason ?? WifiConnectFailedReason.AuthError);
            }
        }, cancellationToken);

    private Task<WiFiConfigPayload> ConfigAsync(WiFiConfigPayload request, bool sensitive, CancellationToken cancellationToken) =>
        ExchangeAsync(Endpoints.ProvConfig, request, request.Msg, WiFiConfigPayload.Parser, r => r.Msg, sensitive, cancellationToken);

    private static void ThrowOnStatus(string operation, Status status)
    {
        if (status != Status.Success)
        {
            throw new DeviceStatusException(operation, status);
        }
    }
}
