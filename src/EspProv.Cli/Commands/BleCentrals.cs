using EspProv.Ble.BlueZ;
using EspProv.Transport.Ble;

namespace EspProv.Cli.Commands;

/// <summary>Picks this machine's BLE backend at run time: BlueZ on Linux, WinRT on Windows (in the Windows build).</summary>
internal static class BleCentrals
{
    /// <param name="adapter">The <c>--ble_adapter</c> value; BlueZ's adapter name. Windows uses its default adapter.</param>
    public static IBleCentral ForThisMachine(string adapter)
    {
#if WINDOWS
        if (OperatingSystem.IsWindowsVersionAtLeast(10, 0, 19041))
        {
            return new EspProv.Ble.WinRT.WinRtCentral();
        }
#endif
        if (OperatingSystem.IsLinux())
        {
            return new BlueZCentral(adapter);
        }

        return new UnsupportedBleCentral(OperatingSystem.IsWindows()
            ? "this build of esp-prov has no Windows BLE backend (install the esp-prov tool package for Windows, or build with -p:EspProvWindows=true)"
            : "esp-prov has no BLE backend for this operating system yet (see docs/ble.md)");
    }
}
