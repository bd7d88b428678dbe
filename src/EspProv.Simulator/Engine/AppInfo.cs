namespace EspProv.Simulator;

/// <summary>An application entry of the proto-ver JSON (<c>wifi_prov_mgr_set_app_info</c>), printed before <c>prov</c>.</summary>
/// <param name="Label">The JSON key.</param>
/// <param name="Version">The <c>ver</c> string.</param>
/// <param name="Capabilities">The <c>cap</c> array.</param>
public sealed record AppInfo(string Label, string Version, IReadOnlyList<string> Capabilities);
