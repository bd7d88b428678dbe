namespace EspProv.Simulator;

/// <summary>The wifi_prov_mgr example's custom-data handler: whatever arrives, reply <c>SUCCESS\0</c>.</summary>
internal static class CustomEndpointHandler
{
    private static readonly byte[] Success = "SUCCESS\0"u8.ToArray();

    public static ValueTask<byte[]> ReplySuccess(ReadOnlyMemory<byte> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Success.ToArray());
}
