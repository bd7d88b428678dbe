using System.Text;

namespace EspProv.Cli.Output;

/// <summary>
/// A writer whose target can change mid-run: human output starts on stdout and moves to stderr when
/// BLE falls back to the console transport, whose protocol then owns stdout.
/// </summary>
internal sealed class SwitchableWriter(TextWriter target) : TextWriter
{
    public TextWriter Target { get; set; } = target;

    public override Encoding Encoding => Target.Encoding;

    public override void Write(char value) => Target.Write(value);

    public override void Write(string? value) => Target.Write(value);

    public override void WriteLine(string? value) => Target.WriteLine(value);

    public override void Flush() => Target.Flush();
}
