using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EspProv.Cli.Commands;

/// <summary>
/// The root command's <c>--help</c>, followed by what a newcomer needs next: a few complete commands and
/// the exit codes a script can react to (README, "Exit codes").
/// </summary>
internal sealed class HelpEpilogue(HelpAction help) : SynchronousCommandLineAction
{
    public const string Text = """
        Examples:
          esp-prov --transport sim --ssid MyNetwork --passphrase secretpass        a simulated device, end to end
          esp-prov --transport softap --sec2_username wifiprov --sec2_pwd abcd1234 --ssid MyNetwork --passphrase-file -
          esp-prov --qrcode '{"ver":"v1","name":"PROV_261FCC","username":"wifiprov","pop":"abcd1234","transport":"ble"}' --scan-only

        Exit codes:
          0 success            1 internal error       2 usage / missing input   3 transport
          4 session            5 device rejected     6 Wi-Fi wrong password    7 Wi-Fi network not found
          8 timeout            9 protocol            10 Thread attach failed   11 incompatible device
          12 batch: a device failed                  13 stdout not writable    130 cancelled (Ctrl+C)
        """;

    public override int Invoke(ParseResult parseResult)
    {
        var result = help.Invoke(parseResult);
        if (parseResult.CommandResult.Command is RootCommand)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Text);
        }

        return result;
    }

    /// <summary>Puts the epilogue behind the root's help option.</summary>
    public static void Attach(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpEpilogue((HelpAction)option.Action!);
    }
}
