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

        if (data.SecVer != expected.WireValue)
        {
            throw new SecuritySchemeMismatchException(expected, SecurityVersion.FromWire(data.SecVer));
        }

        return data;
    }

    public static byte[] Wrap(Sec0Payload payload) => new SessionData { SecVer = SecurityVersion.Sec0.WireValue, Sec0 = payload }.ToByteArray();

    public static byte[] Wrap(Sec1Payload payload) => new SessionData { SecVer = SecurityVersion.Sec1.WireValue, Sec1 = payload }.ToByteArray();

    public static byte[] Wrap(Sec2Payload payload) => new SessionData { SecVer = SecurityVersion.Sec2.WireValue, Sec2 = payload }.ToByteArray();
}
