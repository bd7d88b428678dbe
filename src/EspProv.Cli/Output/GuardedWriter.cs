using System.Text;

namespace EspProv.Cli.Output;

/// <summary>stdout for the commands: a failed write throws <see cref="OutputFailedException"/> instead of a bare IOException.</summary>
internal sealed class GuardedWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter's own setter takes a nullable value too
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException ex)
        {
            throw new OutputFailedException(ex);
        }
    }
}
