using System.Buffers.Binary;
using System.Text;

namespace EspProv.Model;

/// <summary>
/// A Thread Operational Dataset (TLVs, spec section 10): the fields a device reports once attached, the
/// parser a device applies (the length rules <c>otDatasetParseTlvs</c> enforces), and the builders a
/// client uses for <c>--dataset_tlvs</c> or a network picked from a scan.
/// </summary>
/// <param name="Channel">The channel, when the dataset has one.</param>
/// <param name="PanId">The PAN id, when the dataset has one.</param>
/// <param name="ExtPanId">The 8-byte extended PAN id, when the dataset has one.</param>
/// <param name="NetworkName">The network name, when the dataset has one.</param>
public sealed record ThreadDataset(uint? Channel, uint? PanId, byte[]? ExtPanId, string? NetworkName)
{
    /// <summary>Most bytes a device accepts (network_provisioning's SetThreadConfig limit).</summary>
    public const int MaxLength = 254;

    private const int NetworkKeyLength = 16;
    private const int ExtPanIdLength = 8;

    /// <summary>
    /// Parses TLVs as <c>otDatasetParseTlvs</c> does: each known type must have its exact length (a network
    /// name 1 to 16 bytes), no type may repeat, no length may be 0xff or run past the end; unknown types are skipped.
    /// </summary>
    /// <returns>The dataset, or null when a device would refuse it.</returns>
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

            var type = (ThreadTlvType)tlvs[0];
            int length = tlvs[1];
            if (length == 0xff || tlvs.Length < 2 + length || !seen.Add((byte)type))
            {
                return null;
            }

            var value = tlvs.Slice(2, length);
            switch (type)
            {
                case ThreadTlvType.Channel when length == 3:
                    channel = BinaryPrimitives.ReadUInt16BigEndian(value[1..]);
                    break;
                case ThreadTlvType.PanId when length == 2:
                    panId = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case ThreadTlvType.ExtPanId when length == ExtPanIdLength:
                    extPanId = value.ToArray();
                    break;
                case ThreadTlvType.NetworkName when length is >= 1 and <= 16:
                    name = Encoding.UTF8.GetString(value);
                    break;
                case ThreadTlvType.Pskc when length == 16:
                case ThreadTlvType.NetworkKey when length == NetworkKeyLength:
                case ThreadTlvType.MeshLocalPrefix when length == 8:
                case ThreadTlvType.ActiveTimestamp when length == 8:
                    break;
                case ThreadTlvType.Channel or ThreadTlvType.PanId or ThreadTlvType.ExtPanId or ThreadTlvType.NetworkName
                    or ThreadTlvType.Pskc or ThreadTlvType.NetworkKey or ThreadTlvType.MeshLocalPrefix or ThreadTlvType.ActiveTimestamp:
                    return null;
                default:
                    break;
            }

            tlvs = tlvs[(2 + length)..];
        }

        return new ThreadDataset(channel, panId, extPanId, name);
    }

    /// <summary>Parses the hex string of <c>--dataset_tlvs</c>: 1 to <see cref="MaxLength"/> bytes, the TLVs unchecked (the device judges them).</summary>
    /// <exception cref="FormatException">Not hex, or not 1 to <see cref="MaxLength"/> bytes.</exception>
    public static byte[] ParseHex(string hex)
    {
        var bytes = Convert.FromHexString(hex.Trim());
        return bytes.Length is > 0 and <= MaxLength ? bytes : throw new FormatException($"A Thread dataset is 1 to {MaxLength} bytes; got {bytes.Length}.");
    }

    /// <summary>
    /// The dataset the network_provisioning esp_prov builds from a scanned network and a key (channel,
    /// extended PAN id, network key, PAN id) — with the PAN id always two bytes, where esp_prov writes
    /// a one-byte value for PAN ids below 0x100.
    /// </summary>
    /// <exception cref="FormatException">The key is not 16 bytes.</exception>
    public static byte[] FromScan(ThreadNetwork network, ReadOnlySpan<byte> networkKey)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (networkKey.Length != NetworkKeyLength)
        {
            throw new FormatException("A Thread network key is 16 bytes (32 hex digits).");
        }

        var tlvs = new List<byte>();
        Span<byte> channel = [0x00, 0x00, 0x00];
        BinaryPrimitives.WriteUInt16BigEndian(channel[1..], (ushort)network.Channel);
        AddTlv(tlvs, ThreadTlvType.Channel, channel);
        AddTlv(tlvs, ThreadTlvType.ExtPanId, network.ExtPanId.Length == ExtPanIdLength ? network.ExtPanId : new byte[ExtPanIdLength]);
        AddTlv(tlvs, ThreadTlvType.NetworkKey, networkKey);
        Span<byte> panId = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(panId, (ushort)network.PanId);
        AddTlv(tlvs, ThreadTlvType.PanId, panId);
        return tlvs.ToArray();
    }

    private static void AddTlv(List<byte> tlvs, ThreadTlvType type, ReadOnlySpan<byte> value)
    {
        tlvs.Add((byte)type);
        tlvs.Add((byte)value.Length);
        tlvs.AddRange(value);
    }
}
