using EspProv.Protocol.NetworkProv;

namespace EspProv.Errors;

/// <summary>The device could not attach to the Thread network.</summary>
public sealed class ThreadAttachFailedException : ProvException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The failure reason the device reported.</param>
    /// <param name="innerException">The refused command the reason explains (ApplyThreadConfig), if any.</param>
    public ThreadAttachFailedException(ThreadAttachFailedReason reason, Exception? innerException = null)
        : base(reason switch
        {
            ThreadAttachFailedReason.DatasetInvalid => "Thread attach failed: the dataset is invalid.",
            ThreadAttachFailedReason.ThreadNetworkNotFound => "Thread attach failed: network not found.",
            _ => $"Thread attach failed: reason {(int)reason}.",
        }, innerException)
    {
        Reason = reason;
    }

    /// <summary>The failure reason the device reported.</summary>
    public ThreadAttachFailedReason Reason { get; }
}
