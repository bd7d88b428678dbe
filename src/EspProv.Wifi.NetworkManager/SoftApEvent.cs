using System.Net;

namespace EspProv.Wifi.NetworkManager;

/// <summary>One step of joining or restoring; <see cref="Message"/> is a line for people (SSIDs in it are raw device text).</summary>
public abstract record SoftApEvent
{
    /// <summary>A human-readable line; never holds the AP password.</summary>
    public abstract string Message { get; }
}

/// <summary>The Wi-Fi device to use was found; <paramref name="PreviousConnection"/> is what it was connected to.</summary>
public sealed record WifiDeviceSelected(string Interface, string? PreviousConnection) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => PreviousConnection is null
        ? $"Wi-Fi device {Interface} (not connected)"
        : $"Wi-Fi device {Interface}, connected to {PreviousConnection} (restored afterwards)";
}

/// <summary>The AP was not in the scan list, so NetworkManager was asked to scan.</summary>
public sealed record AccessPointScanRequested(string Ssid) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Scanning for {Ssid}";
}

/// <summary>Joining the AP through a temporary connection profile (volatile; before NetworkManager 1.16, unsaved), never written to disk.</summary>
public sealed record AccessPointJoining(string Ssid, byte Strength) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Joining {Ssid} (signal {Strength}%)";
}

/// <summary>Connected with an IPv4 address; <paramref name="Gateway"/> is the device.</summary>
public sealed record AccessPointJoined(string Ssid, string Interface, IPAddress Gateway) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Joined {Ssid} on {Interface}; the device is at {Gateway}";
}

/// <summary>The host was already on the AP; nothing is changed or restored.</summary>
public sealed record AccessPointAlreadyJoined(string Ssid, string Interface, IPAddress Gateway) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Already on {Ssid} ({Interface}); the device is at {Gateway}";
}

/// <summary>Leaving the AP: the temporary profile is deactivated and deleted.</summary>
public sealed record AccessPointLeft(string Ssid) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Left {Ssid} and removed its temporary profile";
}

/// <summary>The connection that was active before is active again.</summary>
public sealed record ConnectionRestored(string Connection) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Reconnected to {Connection}";
}

/// <summary>The previous connection could not be brought back; NetworkManager's autoconnect may still do so.</summary>
public sealed record ConnectionRestoreFailed(string Connection, string Reason) : SoftApEvent
{
    /// <inheritdoc />
    public override string Message => $"Could not reconnect to {Connection}: {Reason.TrimEnd('.')} (NetworkManager reconnects on its own when it can; or run `nmcli connection up id '{Connection}'`)";
}
