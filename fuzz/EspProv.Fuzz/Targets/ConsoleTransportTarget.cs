using System.Text;
using EspProv.Errors;
using EspProv.Transport.Console;

namespace EspProv.Fuzz.Targets;

/// <summary>The console transport's reply-line parsing: the input is what the "device" types back.</summary>
public static class ConsoleTransportTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var transport = new ConsoleTransport(new StringReader(Encoding.Latin1.GetString(data)), TextWriter.Null);
        for (var i = 0; i < 8; i++)
        {
            try
            {
                _ = transport.SendAsync("prov-session", new byte[] { 0x08, 0x01 }).GetAwaiter().GetResult();
            }
            catch (TransportException)
            {
                // A refused or garbled line fails one request; an ended input fails each of the rest at once.
            }
        }
    }
}
