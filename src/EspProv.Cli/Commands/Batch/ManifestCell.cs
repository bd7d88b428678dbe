namespace EspProv.Cli.Commands.Batch;

/// <summary>One value of a manifest row: its column (key), where it stands, and its text (null: left empty, the default applies).</summary>
internal sealed record ManifestCell(string Column, string? Value, int ColumnNumber);

/// <summary>One device line of a manifest, with the line it starts on (1-based, as editors count).</summary>
internal sealed record ManifestRow(int Line, IReadOnlyList<ManifestCell> Cells)
{
    public ManifestCell? this[string column] => Cells.FirstOrDefault(c => c.Column == column);
}
