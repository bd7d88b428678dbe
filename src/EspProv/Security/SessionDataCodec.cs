using EspProv.Errors;
using EspProv.Protocol.Protocomm;
using Google.Protobuf;

namespace EspProv.Security;

/// <summary>Decoding and checks of the <c>SessionData</c> envelope that every scheme shares.</summary>
internal static class SessionDataCodec
{
    public static SessionData Parse(ReadOnlySpan<byte> bytes, SecurityVersion expected)
    {
        SessionData data;
        try
        {
            data = SessionData.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new MalformedMessageException("The prov-session message is not a valid SessionData protobuf.", ex);
        }

        if ((int)data.SecVer != (int)expected)
        {
            throw new SecuritySchemeMismatchException((int)expected, (int)data.SecVer);
        }

        return data;
    }

    public static byte[] Wrap(Sec0Payload payload) => new SessionData { SecVer = SecSchemeVersion.SecScheme0, Sec0 = payload }.ToByteArray();

    public static byte[] Wrap(Sec1Payload payload) => new SessionData { SecVer = SecSchemeVersion.SecScheme1, Sec1 = payload }.ToByteArray();

    public static byte[] Wrap(Sec2Payload payload) => new SessionData { SecVer = SecSchemeVersion.SecScheme2, Sec2 = payload }.ToByteArray();
}
