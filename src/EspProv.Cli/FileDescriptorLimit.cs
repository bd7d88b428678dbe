using System.Runtime.InteropServices;

namespace EspProv.Cli;

/// <summary>
/// Raises the soft limit on open files to the hard limit at start, as the JIT runtime does for every .NET app and
/// Native AOT does not (dotnet/runtime#82719): a simulated fleet holds a socket per device, and Debian's default
/// soft limit of 1,024 would stop the AOT binary's <c>esp-prov device --count 1000</c> at about a thousand.
/// </summary>
internal static unsafe class FileDescriptorLimit
{
    private const int LinuxNoFile = 7; // RLIMIT_NOFILE
    private const int MacNoFile = 8;
    private const ulong MacOpenMax = 10240; // macOS refuses a soft limit above OPEN_MAX

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>Raises the soft limit; does nothing where it cannot (Windows, no libc found, a refusal).</summary>
    public static void Raise()
    {
        var (library, resource, cap) = OperatingSystem.IsLinux() ? ("libc.so.6", LinuxNoFile, ulong.MaxValue)
            : OperatingSystem.IsMacOS() ? ("/usr/lib/libSystem.B.dylib", MacNoFile, MacOpenMax)
            : (null, 0, 0UL);
        if (library is null || !NativeLibrary.TryLoad(library, out var handle))
        {
            return;
        }

        if (!NativeLibrary.TryGetExport(handle, "getrlimit", out var get) || !NativeLibrary.TryGetExport(handle, "setrlimit", out var set))
        {
            return;
        }

        RLimit limit;
        if (((delegate* unmanaged<int, RLimit*, int>)get)(resource, &limit) != 0)
        {
            return;
        }

        var wanted = Math.Min(limit.Maximum, cap);
        if (wanted > limit.Current)
        {
            limit.Current = wanted;
            _ = ((delegate* unmanaged<int, RLimit*, int>)set)(resource, &limit);
        }
    }
}
