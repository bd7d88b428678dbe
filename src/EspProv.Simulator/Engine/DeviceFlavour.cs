namespace EspProv.Simulator;

/// <summary>Which provisioning component the simulated firmware was built with (spec sections 7 and 10).</summary>
public enum DeviceFlavour
{
    /// <summary>ESP-IDF's <c>wifi_provisioning</c> (IDF 5.5): <c>prov.ver</c> is <c>v1.1</c>.</summary>
    WifiProv,

    /// <summary><c>network_provisioning</c> built for Wi-Fi: <c>netprov-v1.2</c>, caps <c>wifi_prov</c> and <c>wifi_scan</c>.</summary>
    NetworkProvWifi,

    /// <summary><c>network_provisioning</c> built for Thread: <c>netprov-v1.2</c>, caps <c>thread_prov</c> and <c>thread_scan</c>.</summary>
    NetworkProvThread,
}
