using System.Buffers.Binary;

namespace EspProv.Simulator;

/// <summary>
/// The parts of a Thread Operational Dataset (TLVs) the simulator reports back. Parsing applies the
/// length rules <c>otDatasetParseTlvs</c> enforces for the TLVs it knows; unknown TLVs are skipped.
/// </summary>
internal sealed record ThreadDataset(uint? Channel, uint? PanId, byte[]? ExtPanId, string? NetworkName)
{
    public const int MaxLength = 254;

    private const byte ChannelType = 0;
    private const byte PanIdType = 1;
    private const byte ExtPanIdType = 2;
    private const byte NetworkNameType = 3;
    private const byte PskcType = 4;
    private const byte NetworkKeyType = 5;
    private const byte MeshLocalPrefixType = 7;
    private const byte ActiveTimestampType = 14;

    public static ThreadDataset? TryParse(ReadOnlySpan<byte> tlvs)
    {
        if (tlvs.IsEmpty || tlvs.Length > MaxLength)
        {
            return null;
        }

        uint? channel = null;
        uint? panId = null;
        byte[]? extPanId = null;
        string? name = null;
        var seen = new HashSet<byte>();
        while (!tlvs.IsEmpty)
        {
            if (tlvs.Length < 2)
            {
                return null;
            }

            var type = tlvs[0];
            int length = tlvs[1];
            if (length == 0xff || tlvs.Length < 2 + length || !seen.Add(type))
            {
                return null;
            }

            var value = tlvs.Slice(2, length);
            switch (type)
            {
                case ChannelType when length == 3:
                    channel = BinaryPrimitives.ReadUInt16BigEndian(value[1..]);
                    break;
                case PanIdType when length == 2:
                    panId = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case ExtPanIdType when length == 8:
                    extPanId = value.ToArray();
                    break;
                case NetworkNameType when length is >= 1 and <= 16:
                    name = System.Text.Encoding.UTF8.GetString(value);
                    break;
                case PskcType when length == 16:
                case NetworkKeyType when length == 16:
                case MeshLocalPrefixType when length == 8:
                case ActiveTimestampType when length == 8:
                    break;
                case ChannelType or PanIdType or ExtPanIdType or NetworkNameType or PskcType or NetworkKeyType or MeshLocalPrefixType or ActiveTimestampType:
                    return null;
                default:
                    break;
            }

            tlvs = tlvs[(2 + length)..];
        }

        return new ThreadDataset(channel, panId, extPanId, name);
    }
}
