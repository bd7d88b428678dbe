using System.Text.RegularExpressions;

namespace EspProv.Cli.Output;

/// <summary>System.CommandLine's parse errors with the expected kind of value in words, not as a .NET type name.</summary>
internal static partial class ParseErrors
{
    public static string InPlainWords(string message) => ExpectedType().Replace(message, match => match.Groups[1].Value switch
    {
        "System.Double" or "System.Nullable`1[System.Double]" => "as a number (e.g. seconds: 0.5)",
        "System.Int32" or "System.Nullable`1[System.Int32]" => "as a whole number",
        "System.Boolean" => "as true or false",
        "System.IO.FileInfo" => "as a file path",
        _ => "in the form this option takes",
    });

    [GeneratedRegex(@"as expected type '([^']+)'")]
    private static partial Regex ExpectedType();
}
