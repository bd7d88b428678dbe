using EspProv.Ble.BlueZ;
using EspProv.Transport.Ble;

namespace EspProv.Cli.Commands;

/// <summary>Picks this machine's BLE backend at run time: BlueZ on Linux, WinRT on Windows (in the Windows build).</summary>
internal static class BleCentrals
{
    /// <param name="adapter">The <c>--ble_adapter</c> value; BlueZ's adapter name. Windows uses its default adapter.</param>
    public static IBleCentral ForThisMachine(string adapter)
    {
#if ESPPROV_WINDOWS
        if (OperatingSystem.IsWindowsVersionAtLeast(10, 0, 19041))
        {
            return WinRt();
        }
#endif
        if (OperatingSystem.IsLinux())
        {
            return new BlueZCentral(adapter);
        }

        return new UnsupportedBleCentral(OperatingSystem.IsWindows()
            ? "this build of esp-prov has no Windows BLE backend (use the esp-prov tool package, or build with -p:EspProvWindows=true)"
            : "esp-prov has no BLE backend for this operating system yet (see docs/ble.md)");
    }
#if ESPPROV_WINDOWS

    // A method of its own, so that compiling ForThisMachine elsewhere never touches the Windows-only assembly.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Runtime.Versioning.SupportedOSPlatform("windows10.0.19041.0")]
    private static IBleCentral WinRt() => new EspProv.Ble.WinRT.WinRtCentral();
#endif
}
