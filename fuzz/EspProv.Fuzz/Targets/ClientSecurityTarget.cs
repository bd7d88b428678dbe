using EspProv.Errors;
using EspProv.Security;

namespace EspProv.Fuzz.Targets;

/// <summary>
/// The client halves of security 0/1/2: after a valid <c>Start()</c>, arbitrary session responses
/// (the input, as up to two messages) must give a <see cref="SessionException"/> or the next request.
/// </summary>
public static class ClientSecurityTarget
{
    public static void Run(SecurityVersion version, ReadOnlySpan<byte> data)
    {
        IClientSecurity client = version switch
        {
            SecurityVersion.Sec0 => new Security0Client(),
            SecurityVersion.Sec1 => new Security1Client("abcd1234"u8.ToArray(), new CountingRandom()),
            _ => new Security2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), new CountingRandom()),
        };
        try
        {
            client.Start();
            foreach (var response in Chunks.Split(data, max: 2))
            {
                if (client.Continue(response) is null)
                {
                    _ = client.Encrypt("probe"u8);
                    _ = client.Decrypt(response);
                    break;
                }
            }
        }
        catch (SessionException)
        {
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }
    }
}
