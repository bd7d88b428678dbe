using System.Globalization;

namespace EspProv.Ble.WinRT;

/// <summary>
/// The WinRT backend's conversions that need no Windows API (so that they are unit-tested on every OS; the test
/// project compiles this file in): 48-bit addresses and the HRESULTs Windows reports ATT errors with.
/// </summary>
internal static class WinRtMapping
{
    /// <summary>Windows' facility for ATT errors: E_BLUETOOTH_ATT_* is 0x80650000 plus the ATT error code.</summary>
    private const int AttFacility = unchecked((int)0x80650000);

    /// <summary>The address as the rest of esp-prov writes it, e.g. <c>24:0A:C4:00:00:01</c>.</summary>
    public static string FormatAddress(ulong address)
    {
        Span<char> text = stackalloc char[17];
        for (var i = 0; i < 6; i++)
        {
            var octet = (byte)(address >> (8 * (5 - i)));
            octet.TryFormat(text[(3 * i)..], out _, "X2", CultureInfo.InvariantCulture);
            if (i < 5)
            {
                text[(3 * i) + 2] = ':';
            }
        }

        return new string(text);
    }

    /// <summary>The 48-bit address in <see cref="Transport.Ble.BleDeviceInfo.PlatformId"/> (decimal), or null when it is none.</summary>
    public static ulong? ParsePlatformId(string platformId) =>
        ulong.TryParse(platformId, NumberStyles.None, CultureInfo.InvariantCulture, out var address) && address <= 0xFFFF_FFFF_FFFF ? address : null;

    /// <summary>The ATT error code in an E_BLUETOOTH_ATT_* HRESULT, or null for any other HRESULT.</summary>
    public static byte? AttErrorFromHResult(int hresult) =>
        (hresult & unchecked((int)0xFFFF0000)) == AttFacility && (hresult & 0xFFFF) is > 0 and <= 0xFF ? (byte)(hresult & 0xFF) : null;
}
