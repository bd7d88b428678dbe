namespace EspProv.Model;

/// <summary>A text is not a QR payload; <see cref="Error"/> says why and <see cref="Exception.Message"/> gives the detail.</summary>
public sealed class QrPayloadFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public QrPayloadFormatException(QrPayloadFormatError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Why the text was refused.</summary>
    public QrPayloadFormatError Error { get; }
}
