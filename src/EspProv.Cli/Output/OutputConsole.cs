using Spectre.Console;

namespace EspProv.Cli.Output;

/// <summary>The Spectre console over one of the process's streams, set up for terminals and pipes alike.</summary>
internal static class OutputConsole
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        // No escape codes into pipes and log files, whatever TERM claims.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            // Spectre wraps redirected output at 80 columns; log files and pipes want whole lines.
            console.Profile.Width = 1000;
        }

        return console;
    }
}
