using EspProv.Protocol;

namespace EspProv.Fuzz.Targets;

/// <summary>proto-ver replies: <see cref="DeviceInfo.Parse"/> must never throw.</summary>
public static class DeviceInfoTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var info = DeviceInfo.Parse(data);
        _ = info.MatchesVersion("v1.1");
        _ = info.Has(Capability.WifiScan);
        _ = info.IsThread;
    }
}
