using System.Text;

namespace EspProv.Cli.Commands;

/// <summary>Prefixes every line of the in-process simulator's log, so it reads apart from the client's output.</summary>
internal sealed class DevicePrefixWriter(TextWriter inner, string prefix) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            inner.WriteLine(prefix + _line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Flush() => inner.Flush();
}
