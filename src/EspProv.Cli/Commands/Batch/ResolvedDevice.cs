using EspProv.Flows.Batch;

namespace EspProv.Cli.Commands.Batch;

/// <summary>A manifest row resolved: the library's device, and the settings its transport is made from.</summary>
internal sealed record ResolvedDevice(BatchDevice Device, ProvisionSettings Settings);
