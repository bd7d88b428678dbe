using System.Text.Json.Serialization;

namespace EspProv.Cli.Commands;

/// <summary>Source-generated JSON metadata, so the AOT build needs no reflection.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
