namespace EspProv.Errors;

/// <summary>
/// Base of every failure esp-prov reports about a device, a link or a session. Switch over the
/// concrete type to tell the causes apart; misuse of the API throws the usual
/// <see cref="ArgumentException"/> / <see cref="InvalidOperationException"/> instead.
/// </summary>
public abstract class ProvException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    protected ProvException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
