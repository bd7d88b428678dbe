using Google.Protobuf;

namespace EspProv.Simulator;

/// <summary>Parses a handler's plaintext request, turning a decode error into the handler failure ESP-IDF reports.</summary>
internal static class ProtobufRequest
{
    public static T Parse<T>(MessageParser<T> parser, ReadOnlySpan<byte> plaintext, string endpoint)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(plaintext);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new DeviceRequestFailedException(DeviceFailureReason.MalformedRequest, $"The {endpoint} request is not a valid protobuf message.", ex);
        }
    }

    public static DeviceRequestFailedException UnknownCommand(string endpoint, int msg) =>
        new(DeviceFailureReason.UnknownCommand, $"The {endpoint} command table has no msg {msg}.");

    public static DeviceRequestFailedException MissingPayload(string endpoint, string command) =>
        new(DeviceFailureReason.MalformedRequest, $"{endpoint} {command} without its payload.");
}
