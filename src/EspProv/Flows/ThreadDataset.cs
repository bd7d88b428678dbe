using System.Buffers.Binary;

namespace EspProv.Flows;

/// <summary>Thread operational dataset TLVs: parsing user input and building one from a scan result.</summary>
public static class ThreadDataset
{
    /// <summary>Most bytes a device accepts.</summary>
    public const int MaxLength = 254;

    /// <summary>Parses the hex string of <c>--dataset_tlvs</c>.</summary>
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
    public static byte[] FromScan(ThreadNetwork network, ReadOnlySpan<byte> networkKey)
    {
        if (networkKey.Length != 16)
        {
            throw new FormatException("A Thread network key is 16 bytes (32 hex digits).");
        }

        var tlvs = new List<byte>();
        tlvs.AddRange([0x00, 0x03, 0x00]);
        tlvs.AddRange(BigEndian16((ushort)network.Channel));
        tlvs.AddRange([0x02, 0x08]);
        tlvs.AddRange(network.ExtPanId.Length == 8 ? network.ExtPanId : new byte[8]);
        tlvs.AddRange([0x05, 0x10]);
        tlvs.AddRange(networkKey.ToArray());
        tlvs.AddRange([0x01, 0x02]);
        tlvs.AddRange(BigEndian16((ushort)network.PanId));
        return tlvs.ToArray();
    }

    private static byte[] BigEndian16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }
}
