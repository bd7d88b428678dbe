namespace EspProv.Model;

/// <summary>Why a text is not a QR payload.</summary>
public enum QrPayloadFormatError
{
    /// <summary>Valid JSON, but not an object.</summary>
    NotAnObject,

    /// <summary>Not valid JSON.</summary>
    NotJson,

    /// <summary>A string in it is not valid text (a lone UTF-16 surrogate).</summary>
    NotText,
}
