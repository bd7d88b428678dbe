namespace EspProv.Model;

/// <summary>The Thread Operational Dataset TLV types esp-prov reads or writes (Thread specification, MeshCoP TLVs).</summary>
public enum ThreadTlvType : byte
{
    /// <summary>Channel page (1 byte) and channel (2 bytes, big-endian).</summary>
    Channel = 0,

    /// <summary>PAN id (2 bytes, big-endian).</summary>
    PanId = 1,

    /// <summary>Extended PAN id (8 bytes).</summary>
    ExtPanId = 2,

    /// <summary>Network name (1 to 16 bytes of UTF-8).</summary>
    NetworkName = 3,

    /// <summary>PSKc (16 bytes).</summary>
    Pskc = 4,

    /// <summary>Network key (16 bytes).</summary>
    NetworkKey = 5,

    /// <summary>Mesh-local prefix (8 bytes).</summary>
    MeshLocalPrefix = 7,

    /// <summary>Active timestamp (8 bytes).</summary>
    ActiveTimestamp = 14,
}
