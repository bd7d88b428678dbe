using EspProv.Protocol.NetworkProv;

namespace EspProv.Errors;

/// <summary>The device could not attach to the Thread network.</summary>
public sealed class ThreadAttachFailedException : ProvException
{
    /// <summary>Creates the exception.</summary>
    public ThreadAttachFailedException(ThreadAttachFailedReason reason)
        : base(reason switch
        {
            ThreadAttachFailedReason.DatasetInvalid => "Thread attach failed: the dataset is invalid.",
            ThreadAttachFailedReason.ThreadNetworkNotFound => "Thread attach failed: network not found.",
            _ => $"Thread attach failed: reason {(int)reason}.",
        })
    {
        Reason = reason;
    }

    /// <summary>The failure reason the device reported.</summary>
    public ThreadAttachFailedReason Reason { get; }
}
