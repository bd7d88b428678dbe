using System.Globalization;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace EspProv.Cli.Commands.Batch;

/// <summary>The manifest formats.</summary>
internal enum ManifestFormat
{
    Csv,
    JsonLines,
}

/// <summary>
/// Reads a manifest into rows, checking its shape (columns, quoting, value types) with line and column; what
/// the values mean is <see cref="ManifestResolver"/>'s. CSV: RFC 4180 with a header row; an empty cell takes
/// the default, a quoted empty cell (<c>""</c>) is an explicit empty value (an open network's passphrase).
/// JSON Lines: one object per line of string values (or a number for <c>sec_ver</c>); null takes the default.
/// </summary>
internal static class ManifestReader
{
    // Thousands of devices fit in a few MiB; a manifest beyond this is a wrong file.
    private const int MaxManifestBytes = 16 * 1024 * 1024;

    public static ManifestFormat FormatOf(string path, string? format) => format?.ToLowerInvariant() switch
    {
        "csv" => ManifestFormat.Csv,
        "jsonl" or "ndjson" or "json" => ManifestFormat.JsonLines,
        null => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ManifestFormat.Csv,
            ".jsonl" or ".ndjson" or ".json" => ManifestFormat.JsonLines,
            _ => throw new Output.UsageException($"Cannot tell the manifest's format from its name '{Path.GetFileName(path)}': use --format csv or --format jsonl."),
        },
        _ => throw new Output.UsageException($"--format takes csv or jsonl, not '{Output.TerminalText.Safe(format)}'."),
    };

    public static IReadOnlyList<ManifestRow> Read(string path, ManifestFormat format)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(BoundedRead.File(path, MaxManifestBytes, "the manifest")).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new Output.UsageException($"{Path.GetFileName(path)}: the manifest is not valid UTF-8.");
        }

        var rows = format == ManifestFormat.Csv ? ReadCsv(path, text) : ReadJsonLines(path, text);
        return rows.Count > 0 ? rows : throw new Output.UsageException($"{Path.GetFileName(path)}: the manifest lists no devices.");
    }

    private static List<ManifestRow> ReadCsv(string path, string text)
    {
        if (text.Trim().Length == 0)
        {
            return [];
        }

        // Checked on the raw first line, before Sep sees it: Sep throws ArgumentException on a repeated name.
        // Known names hold neither quotes nor commas, so once they pass, Sep's header is this one.
        var firstLine = text.AsSpan(0, text.IndexOf('\n') is var end and >= 0 ? end : text.Length).TrimEnd('\r').ToString();
        var header = firstLine.Split(',').Select((name, i) => (Name: name.Trim(), Number: i + 1)).ToList();
        foreach (var (name, number) in header)
        {
            var cell = new ManifestCell(name, null, number);
            if (!ManifestColumns.IsKnown(name))
            {
                throw ManifestError.At(path, 1, cell, ManifestColumns.Unknown(name));
            }

            if (header.Find(h => h.Name == name) is var earlier && earlier.Number < number)
            {
                throw ManifestError.At(path, 1, cell, $"the column appears twice (also column {earlier.Number}).");
            }
        }

        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = false, DisableColCountCheck = true }).FromText(text);
        var rows = new List<ManifestRow>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue; // a blank line
            }

            if (row.ColCount != header.Count)
            {
                throw ManifestError.At(path, line, null, $"{row.ColCount} values, but the header names {header.Count} columns (quote values that hold commas).");
            }

            var cells = new List<ManifestCell>(header.Count);
            for (var i = 0; i < header.Count; i++)
            {
                var cell = new ManifestCell(header[i].Name, null, header[i].Number);
                cells.Add(cell with { Value = Unquote(row[i].ToString(), path, line, cell) });
            }

            rows.Add(new ManifestRow(line, cells));
        }

        return rows;
    }

    // Sep keeps the quotes (Unescape off) so that "" can mean "empty on purpose" while an empty cell means "the default".
    private static string? Unquote(string raw, string path, int line, ManifestCell cell)
    {
        if (raw.Length == 0)
        {
            return null;
        }

        if (raw[0] != '"')
        {
            return raw.Contains('"', StringComparison.Ordinal)
                ? throw ManifestError.At(path, line, cell, "a quote inside an unquoted value; quote the whole value and double the quotes inside (RFC 4180).")
                : raw;
        }

        if (raw.Length < 2 || raw[^1] != '"' || raw[1..^1].Replace("\"\"", string.Empty, StringComparison.Ordinal).Contains('"', StringComparison.Ordinal))
        {
            throw ManifestError.At(path, line, cell, "a quoted value must end with a quote, and quotes inside it must be doubled (RFC 4180).");
        }

        return raw[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    private static List<ManifestRow> ReadJsonLines(string path, string text)
    {
        var rows = new List<ManifestRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length > 0)
            {
                rows.Add(ReadJsonLine(path, i + 1, line));
            }
        }

        return rows;
    }

    private static ManifestRow ReadJsonLine(string path, int lineNumber, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var reader = new Utf8JsonReader(bytes);
        var cells = new List<ManifestCell>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw ManifestError.At(path, lineNumber, null, "each line must be one JSON object, e.g. {\"service_name\":\"192.168.4.1\",\"ssid\":\"Factory\"}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = reader.GetString()!;
                var cell = new ManifestCell(column, null, ColumnAt(bytes, reader.TokenStartIndex));
                if (!ManifestColumns.IsKnown(column))
                {
                    throw ManifestError.At(path, lineNumber, cell, ManifestColumns.Unknown(column));
                }

                if (cells.Any(c => c.Column == column))
                {
                    throw ManifestError.At(path, lineNumber, cell, "the key appears twice.");
                }

                reader.Read();
                cells.Add(cell with
                {
                    Value = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Null => null,
                        JsonTokenType.Number when column == ManifestColumns.SecVer => reader.GetInt64().ToString(CultureInfo.InvariantCulture),
                        _ => throw ManifestError.At(path, lineNumber, cell, column == ManifestColumns.SecVer ? "sec_ver takes 0, 1 or 2." : "the value must be a string (or null for the default)."),
                    },
                });
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw ManifestError.At(path, lineNumber, null, "each line must be exactly one JSON object.");
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            var column = ex is JsonException { BytePositionInLine: { } position } ? ColumnAt(bytes, position) : 1;
            throw ManifestError.At(path, lineNumber, new ManifestCell("JSON", null, column), $"not valid JSON: {ex.Message}");
        }

        return new ManifestRow(lineNumber, cells);
    }

    // Editors count characters, the reader bytes.
    private static int ColumnAt(byte[] line, long byteOffset) => Encoding.UTF8.GetCharCount(line.AsSpan(0, (int)Math.Min(byteOffset, line.Length))) + 1;
}
