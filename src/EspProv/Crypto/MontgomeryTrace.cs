namespace EspProv.Crypto;

/// <summary>A step of <see cref="MontgomeryModulus.ModPow"/>, as a trace records it.</summary>
internal enum MontgomeryStep
{
    Multiply,
    Square,
    TableScan,
}

/// <summary>
/// The sequence of steps one exponentiation took, with the table entries each scan read: what the constant-time
/// tests compare across exponents (never passed in production, where the hook is a null check per step).
/// </summary>
internal sealed class MontgomeryTrace
{
    private readonly List<(MontgomeryStep Step, int Count)> _steps = [];

    public IReadOnlyList<(MontgomeryStep Step, int Count)> Steps => _steps;

    public int CountOf(MontgomeryStep step) => _steps.Count(s => s.Step == step);

    public void Record(MontgomeryStep step, int count) => _steps.Add((step, count));
}
