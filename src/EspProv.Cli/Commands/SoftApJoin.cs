using EspProv.Cli.Output;
using EspProv.Flows;
using EspProv.Transport.Http;
using EspProv.Wifi.NetworkManager;

namespace EspProv.Cli.Commands;

/// <summary>Joins the device's AP before a softAP run and says where the device is; the lease restores the host's network.</summary>
internal static class SoftApJoin
{
    /// <summary>
    /// Joins the AP the settings name and points the settings at the device there. Without an AP named, or when a QR
    /// code named it and NetworkManager cannot be used here (one line says so: the manual way), there is no lease.
    /// </summary>
    /// <param name="settings">The run.</param>
    /// <param name="reporter">Where the steps go.</param>
    /// <param name="prompts">On a terminal: asks for the password of a protected AP none was given for.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task<(SoftApLease? Lease, ProvisionSettings Settings)> BeginAsync(ProvisionSettings settings, IReporter reporter, ConsolePrompts? prompts, CancellationToken cancellationToken)
    {
        if (settings.Join is not { } join)
        {
            return (null, settings);
        }

        // Before joining: a usage error found after it would leave the host on the device's AP.
        var given = ServiceAddress(settings);
        if (!OperatingSystem.IsLinux())
        {
            return join.Automatic
                ? Manual(settings, given, reporter, join, "joining an AP is automatic only on Linux, through NetworkManager")
                : throw new UsageException("--join needs NetworkManager (Linux); join the device's AP by hand instead.");
        }

        if (join.Automatic)
        {
            reporter.Info($"The QR code names the softAP {join.Ssid}: joining it through NetworkManager (--no-join if you joined it by hand)");
        }

        var request = new SoftApJoinRequest { Ssid = join.Ssid, Password = join.Password, Interface = join.Interface, JoinTimeout = join.Timeout };
        SoftApLease lease;
        try
        {
            lease = await JoinAsync(request, reporter, prompts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (join.Automatic && ex is NetworkManagerUnavailableException { Reason: not NetworkManagerUnavailableReason.PermissionDenied } or WifiDeviceNotFoundException)
        {
            return Manual(settings, given, reporter, join, ex.Message.TrimEnd('.'));
        }

        try
        {
            return (lease, At(settings, given, lease.DeviceAddress.ToString()));
        }
        catch
        {
            // Nobody else holds the lease yet: restore here, then let the failure through.
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // A protected AP without a password changed nothing yet: on a terminal, ask and join again, once.
    private static async Task<SoftApLease> JoinAsync(SoftApJoinRequest request, IReporter reporter, ConsolePrompts? prompts, CancellationToken cancellationToken)
    {
        try
        {
            return await SoftApJoiner.JoinAsync(request, reporter.SoftAp, cancellationToken).ConfigureAwait(false);
        }
        catch (AccessPointAuthenticationException ex) when (ex.PasswordMissing && prompts is not null)
        {
            if (await AskPasswordAsync(request.Ssid, reporter, prompts).ConfigureAwait(false) is not { } password)
            {
                throw;
            }

            return await SoftApJoiner.JoinAsync(request with { Password = password }, reporter.SoftAp, cancellationToken).ConfigureAwait(false);
        }
    }

    // The rule --join-password is held to; a person mistyping is asked again, a few times (a scripted answer cannot loop forever).
    private static async Task<string?> AskPasswordAsync(string ssid, IReporter reporter, ConsolePrompts prompts)
    {
        for (var attempt = 1; ; attempt++)
        {
            var password = await prompts.AskSoftApPasswordAsync(ssid).ConfigureAwait(false);
            if (string.IsNullOrEmpty(password))
            {
                return null;
            }

            if (SoftApJoinSettings.PasswordProblem(password) is not { } problem)
            {
                return password;
            }

            if (attempt == 3)
            {
                throw new UsageException($"No valid softAP password after {attempt} attempts: {problem}");
            }

            reporter.Progress(new Retrying($"{problem} Try again."));
        }
    }

    private static (SoftApLease?, ProvisionSettings) Manual(ProvisionSettings settings, HttpServiceAddress given, IReporter reporter, SoftApJoinSettings join, string why)
    {
        reporter.Info($"{why}; join {join.Ssid} by hand (this run goes on as if you had).");
        return (null, At(settings, given, null));
    }

    private static HttpServiceAddress ServiceAddress(ProvisionSettings settings)
    {
        try
        {
            return HttpServiceAddress.Parse(settings.ServiceName);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--service_name: {ex.Message}");
        }
    }

    /// <summary>The device at <paramref name="host"/> (null: the address given, else ESP-IDF's softAP address) on the port of <c>--service_name</c> (80 without one).</summary>
    private static ProvisionSettings At(ProvisionSettings settings, HttpServiceAddress given, string? host)
    {
        host ??= given.Host.Length > 0 ? given.Host : HttpServiceAddress.Default.Host;
        return settings with { ServiceName = new HttpServiceAddress(host, given.Port).ToString() };
    }
}
