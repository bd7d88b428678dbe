using System.Globalization;
using System.Net;
using EspProv.Security;
using EspProv.Simulator;

namespace EspProv.Cli.Commands;

/// <summary>The <c>esp-prov</c> command line that provisions a simulated device, for its banner.</summary>
internal static class SimulatorClientCommand
{
    /// <summary>The command for the device at <paramref name="address"/>; null on the console, where the client is wired through a FIFO (README).</summary>
    public static string? For(SimulatedDevice device, Uri? address)
    {
        if (address is null)
        {
            return null;
        }

        // A wildcard bind is reachable on loopback from this machine, and nowhere else is known.
        var host = IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? (ip.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]")
            : address.Host;
        List<string> words = ["esp-prov", "--transport", "httpd", "--service_name", string.Create(CultureInfo.InvariantCulture, $"{host}:{address.Port}")];
        var options = device.Options;
        switch (options.Security)
        {
            case SecurityVersion.Sec1 when !options.RunsWithoutPop:
                words.AddRange(["--pop", options.Pop!]);
                break;
            case SecurityVersion.Sec2:
                words.AddRange(["--sec2_username", options.Sec2Username]);
                // Given only a salt and verifier, the password is the user's to type at the prompt.
                if (options.Sec2Verifier is null)
                {
                    words.AddRange(["--sec2_pwd", options.Sec2Password]);
                }

                break;
        }

        return string.Join(' ', words.Select(ShellWord));
    }

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@' or '+' or ',' or '=')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
