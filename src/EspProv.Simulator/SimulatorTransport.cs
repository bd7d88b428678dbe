namespace EspProv.Simulator;

/// <summary>How <see cref="SimulatorHost"/> exposes its devices.</summary>
public enum SimulatorTransport
{
    /// <summary>HTTP POST per endpoint, like the softAP / httpd scheme.</summary>
    Httpd,

    /// <summary>Request lines on an input reader, response hex lines on an output writer.</summary>
    Console,
}
