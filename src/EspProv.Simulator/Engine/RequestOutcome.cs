namespace EspProv.Simulator;

/// <summary>Whether a request got a response.</summary>
public enum RequestOutcome
{
    /// <summary>The device answered.</summary>
    Answered,

    /// <summary>The device refused; the transport sends nothing.</summary>
    Failed,
}
