namespace EspProv.Errors;

/// <summary>
/// A message could not be decoded, or came in the wrong order or with the wrong payload for the
/// current protocol state.
/// </summary>
public sealed class MalformedMessageException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public MalformedMessageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
