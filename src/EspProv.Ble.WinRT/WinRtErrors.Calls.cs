using EspProv.Errors;
using EspProv.Transport.Ble;

namespace EspProv.Ble.WinRT;

// The part that needs no Windows API: the test project compiles this file in and checks the mapping on every OS.
internal static partial class WinRtErrors
{
    /// <summary>
    /// Runs a WinRT call, mapping what it throws: COM errors carry ATT errors as E_BLUETOOTH_ATT_* HRESULTs, and
    /// anything else a WinRT call throws is the platform failing, reported with its HRESULT.
    /// </summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (IsPlatformFailure(exception))
        {
            throw Map(exception, what);
        }
    }

    /// <summary>
    /// Runs a synchronous WinRT call (a property read or write, an event subscription), mapping what it throws as
    /// <see cref="CallAsync{T}"/> does: these are calls into the platform too, and fail when the device or the
    /// Bluetooth service goes away.
    /// </summary>
    public static T Call<T>(Func<T> call, string what)
    {
        try
        {
            return call();
        }
        catch (Exception exception) when (IsPlatformFailure(exception))
        {
            throw Map(exception, what);
        }
    }

    /// <summary><see cref="Call{T}"/> for a call with no result.</summary>
    public static void Run(Action call, string what) =>
        Call(
            () =>
            {
                call();
                return true;
            },
            what);

    /// <summary>
    /// Runs a step of releasing or of an event handler, dropping a platform failure once mapped: disposing must not
    /// throw, and an exception thrown back into a WinRT event source would end the process.
    /// </summary>
    public static void Quietly(Action call)
    {
        try
        {
            Run(call, "Releasing");
        }
        catch (BleGattException)
        {
            // The device or the Bluetooth service is gone already; there is nothing left to release.
        }
    }

    private static bool IsPlatformFailure(Exception exception) =>
        exception is not (OperationCanceledException or BleGattException or BleUnavailableException);

    private static BleGattException Map(Exception exception, string what)
    {
        if (WinRtMapping.AttErrorFromHResult(exception.HResult) is { } code)
        {
            return BleGattException.Att(code, exception);
        }

        var kind = exception is ObjectDisposedException || exception.HResult == DeviceNotConnected ? BleGattError.Disconnected : BleGattError.Failed;
        return new BleGattException(kind, $"{what}: {exception.Message.Trim()} (0x{exception.HResult:X8})", innerException: exception);
    }

    /// <summary>HRESULT_FROM_WIN32(ERROR_DEVICE_NOT_CONNECTED).</summary>
    private const int DeviceNotConnected = unchecked((int)0x8007048F);
}
