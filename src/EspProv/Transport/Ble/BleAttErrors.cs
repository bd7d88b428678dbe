using System.Globalization;

namespace EspProv.Transport.Ble;

/// <summary>ATT error codes (Bluetooth Core, Vol 3, Part F, 3.4.1.1) and what they mean for protocomm.</summary>
public static class BleAttErrors
{
    /// <summary>The link is not authenticated (ESP-IDF with forced encryption answers so before pairing).</summary>
    public const byte InsufficientAuthentication = 0x05;

    /// <summary>The link is not encrypted.</summary>
    public const byte InsufficientEncryption = 0x0F;

    /// <summary>protocomm_ble's answer when a handler fails (ESP_GATT_INVALID_PDU).</summary>
    public const byte InvalidPdu = 0x04;

    /// <summary>True when pairing (an encrypted, authenticated link) is the remedy.</summary>
    public static bool DemandsPairing(byte code) => code is InsufficientAuthentication or InsufficientEncryption;

    /// <summary>Formats the code as <c>ATT error: 0x05 (Insufficient Authentication)</c>.</summary>
    public static string Describe(byte code)
    {
        var hex = code.ToString("x2", CultureInfo.InvariantCulture);
        return Name(code) is { } name ? $"ATT error: 0x{hex} ({name})" : $"ATT error: 0x{hex}";
    }

    private static string? Name(byte code) => code switch
    {
        0x01 => "Invalid Handle",
        0x02 => "Read Not Permitted",
        0x03 => "Write Not Permitted",
        InvalidPdu => "Invalid PDU",
        InsufficientAuthentication => "Insufficient Authentication",
        0x06 => "Request Not Supported",
        0x07 => "Invalid Offset",
        0x08 => "Insufficient Authorization",
        0x09 => "Prepare Queue Full",
        0x0A => "Attribute Not Found",
        0x0B => "Attribute Not Long",
        0x0C => "Encryption Key Size Too Short",
        0x0D => "Invalid Attribute Value Length",
        0x0E => "Unlikely Error",
        InsufficientEncryption => "Insufficient Encryption",
        0x10 => "Unsupported Group Type",
        0x11 => "Insufficient Resources",
        0x12 => "Database Out Of Sync",
        0x13 => "Value Not Allowed",
        >= 0x80 and <= 0x9F => "Application Error",
        >= 0xE0 => "Common Profile and Service Error",
        _ => null,
    };
}
