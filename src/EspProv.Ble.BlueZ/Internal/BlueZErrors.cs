using System.Globalization;
using System.Text.RegularExpressions;

namespace EspProv.Ble.BlueZ.Internal;

/// <summary>BlueZ's D-Bus errors in the shared BLE layer's terms.</summary>
internal static partial class BlueZErrors
{
    public static BleGattException Map(DBusErrorReplyException exception)
    {
        if (IsAuthenticationError(exception))
        {
            return new BleGattException(BleGattError.AuthenticationRequired, Describe(exception), innerException: exception);
        }

        // bluetoothd reports an ATT error response it has no D-Bus error for as Failed "Operation failed with ATT error: 0xNN".
        if (exception.ErrorName == BlueZNames.ErrorFailed && AttError().Match(exception.ErrorMessage) is { Success: true } att)
        {
            return BleGattException.Att(byte.Parse(att.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture), exception);
        }

        return exception.ErrorName is BlueZNames.ErrorNotConnected or BlueZNames.ErrorUnknownObject
            ? new BleGattException(BleGattError.Disconnected, Describe(exception), innerException: exception)
            : new BleGattException(BleGattError.Failed, Describe(exception), innerException: exception);
    }

    /// <summary>The D-Bus connection to BlueZ itself broke.</summary>
    public static BleGattException Map(DBusConnectionException exception) =>
        new(BleGattError.Failed, $"lost the D-Bus connection to BlueZ ({exception.Message})", innerException: exception);

    private static bool IsAuthenticationError(DBusErrorReplyException exception) =>
        exception.ErrorName is BlueZNames.ErrorNotPermitted or BlueZNames.ErrorNotAuthorized or BlueZNames.ErrorAuthenticationRequired
        || exception.ErrorMessage.Contains("Insufficient Authentication", StringComparison.OrdinalIgnoreCase)
        || exception.ErrorMessage.Contains("Insufficient Encryption", StringComparison.OrdinalIgnoreCase);

    private static string Describe(DBusErrorReplyException exception) => $"{exception.ErrorMessage} ({exception.ErrorName})";

    [GeneratedRegex("ATT error: 0x([0-9a-fA-F]{2})")]
    private static partial Regex AttError();
}
