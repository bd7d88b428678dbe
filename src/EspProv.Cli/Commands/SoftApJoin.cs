using EspProv.Cli.Output;
using EspProv.Transport.Http;
using EspProv.Wifi.NetworkManager;

namespace EspProv.Cli.Commands;

/// <summary>Joins the device's AP before a softAP run and says where the device is; the lease restores the host's network.</summary>
internal static class SoftApJoin
{
    /// <summary>
    /// Joins the AP the settings name, or returns null when none is named, or when a QR code named it and
    /// NetworkManager cannot be used here (one line says so, and the run goes on the manual way).
    /// </summary>
    public static async Task<SoftApLease?> BeginAsync(ProvisionSettings settings, IReporter reporter, CancellationToken cancellationToken)
    {
        if (settings.Join is not { } join)
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return join.Automatic
                ? Manual(reporter, join, "joining an AP is automatic only on Linux, through NetworkManager")
                : throw new UsageException("--join needs NetworkManager (Linux); join the device's AP by hand instead.");
        }

        if (join.Automatic)
        {
            reporter.Info($"The QR code names the softAP {join.Ssid}: joining it through NetworkManager (--no-join if you joined it by hand)");
        }

        try
        {
            return await SoftApJoiner.JoinAsync(
                new SoftApJoinRequest { Ssid = join.Ssid, Password = join.Password, Interface = join.Interface, JoinTimeout = join.Timeout },
                reporter.SoftAp,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (join.Automatic && ex is NetworkManagerUnavailableException { Reason: not NetworkManagerUnavailableReason.PermissionDenied } or WifiDeviceNotFoundException)
        {
            return Manual(reporter, join, ex.Message.TrimEnd('.'));
        }
    }

    /// <summary>The device at the lease's gateway, on the port of <c>--service_name</c> (80 without it).</summary>
    public static ProvisionSettings AtDevice(ProvisionSettings settings, SoftApLease lease)
    {
        int port;
        try
        {
            port = HttpServiceAddress.Parse(settings.ServiceName).Port;
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--service_name: {ex.Message}");
        }

        return settings with { ServiceName = new HttpServiceAddress(lease.DeviceAddress.ToString(), port).ToString() };
    }

    private static SoftApLease? Manual(IReporter reporter, SoftApJoinSettings join, string why)
    {
        reporter.Info($"{why}; join {join.Ssid} by hand (this run goes on as if you had).");
        return null;
    }
}
