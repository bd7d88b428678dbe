namespace EspProv.Simulator;

/// <summary>A handler's plaintext response plus the redacted description that goes into the request log.</summary>
internal readonly record struct HandlerResult(byte[] Response, string Detail);
