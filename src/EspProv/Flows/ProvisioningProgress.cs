namespace EspProv.Flows;

/// <summary>One step of a run: a stage, a line for people, and a few machine-readable fields.</summary>
/// <param name="Stage">The step.</param>
/// <param name="Message">A human-readable line (never holds a secret).</param>
/// <param name="Fields">Machine-readable details (never secrets).</param>
public sealed record ProvisioningProgress(ProvisioningStage Stage, string Message, IReadOnlyDictionary<string, string>? Fields = null);
