using System.Runtime.InteropServices;

namespace EspProv.Flows.Batch;

/// <summary>
/// Forces a directory's entries to the disk (fsync on the directory), so that a file just created there survives a
/// power cut with the lines fsync'd into it: fsync on the file makes its data durable, not its name (POSIX).
/// Windows needs no such step (NTFS journals the directory change) and .NET offers none there.
/// </summary>
internal static unsafe class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY: a directory can be opened for reading, and fsync'd through that
    private static readonly Lazy<Calls?> Libc = new(Load);

    /// <summary>True when the directory's entries were flushed; false where that is not possible (or not needed).</summary>
    public static bool Flush(string directory)
    {
        if (Libc.Value is not { } libc)
        {
            return false;
        }

        var fd = libc.Open(directory, ReadOnly);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return libc.Fsync(fd) == 0;
        }
        finally
        {
            libc.Close(fd);
        }
    }

    private static Calls? Load()
    {
        var library = OperatingSystem.IsLinux() ? "libc.so.6" : OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.B.dylib" : null;
        return library is not null && NativeLibrary.TryLoad(library, out var handle)
            && NativeLibrary.TryGetExport(handle, "open", out var open)
            && NativeLibrary.TryGetExport(handle, "fsync", out var fsync)
            && NativeLibrary.TryGetExport(handle, "close", out var close)
            ? new Calls((delegate* unmanaged<byte*, int, int>)open, (delegate* unmanaged<int, int>)fsync, (delegate* unmanaged<int, int>)close)
            : null;
    }

    private sealed class Calls(delegate* unmanaged<byte*, int, int> open, delegate* unmanaged<int, int> fsync, delegate* unmanaged<int, int> close)
    {
        public int Open(string path, int flags)
        {
            // open(2) wants a NUL-terminated UTF-8 path.
            var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
            System.Text.Encoding.UTF8.GetBytes(path, bytes);
            fixed (byte* p = bytes)
            {
                return open(p, flags);
            }
        }

        public int Fsync(int fd) => fsync(fd);

        public void Close(int fd) => close(fd);
    }
}
