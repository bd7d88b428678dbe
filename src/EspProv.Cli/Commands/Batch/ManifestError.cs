using EspProv.Cli.Output;

namespace EspProv.Cli.Commands.Batch;

/// <summary>A manifest problem as a usage error (exit 2) that says where: file, line and, when known, column.</summary>
internal static class ManifestError
{
    public static UsageException At(string path, int line, ManifestCell? cell, string problem) =>
        new($"{Path.GetFileName(path)}, line {line}{(cell is null ? string.Empty : $", column {cell.ColumnNumber} ({cell.Column})")}: {problem}");
}
