using EspProv.Cli.Output;
using EspProv.Model;

namespace EspProv.Cli.Commands;

/// <summary>The <c>--qrcode</c> value: a <see cref="QrPayload"/>, or a usage error that names the flag.</summary>
internal static class QrCodeArgument
{
    public static QrPayload Parse(string text)
    {
        try
        {
            return QrPayload.Parse(text);
        }
        catch (QrPayloadFormatException ex)
        {
            throw new UsageException(ex.Error switch
            {
                QrPayloadFormatError.NotAnObject => "--qrcode expects the JSON object a device prints, e.g. {\"ver\":\"v1\",\"name\":\"PROV_123ABC\",\"pop\":\"abcd1234\",\"transport\":\"ble\"}.",
                QrPayloadFormatError.NotJson => $"--qrcode is not valid JSON: {ex.Message}",
                _ => $"--qrcode holds a string that is not valid text: {ex.Message}",
            });
        }
    }
}
