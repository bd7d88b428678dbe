using EspProv.Errors;
using EspProv.Robustness.Tests.Support;
using EspProv.Security;
using EspProv.Simulator;
using EspProv.Testing.Transports;

namespace EspProv.Robustness.Tests;

/// <summary>
/// Every reply of a real conversation with the simulator (proto-ver, both handshake steps, config,
/// apply, status, scan, ctrl), replaced in turn by every hostile reply of <see cref="Mutation"/>. Each
/// run must end in a typed <see cref="ProvException"/> (or succeed where the damage is harmless, e.g.
/// garbage in proto-ver when the scheme is given) and never in a NullReference, IndexOutOfRange or hang.
/// </summary>
public sealed class HostileReplyMatrixTests
{
    public static TheoryData<string, SecurityVersion> Cases()
    {
        var data = new TheoryData<string, SecurityVersion>();
        foreach (var scenario in Scenarios.Names)
        {
            foreach (var security in new[] { SecurityVersion.Sec0, SecurityVersion.Sec1, SecurityVersion.Sec2 })
            {
                data.Add(scenario, security);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_hostile_reply_at_every_step_gives_a_typed_error(string scenario, SecurityVersion security)
    {
        var steps = await BaselineStepsAsync(scenario, security);
        Assert.InRange(steps, 2, 20);
        var failures = new List<string>();
        var typed = 0;
        for (var step = 0; step < steps; step++)
        {
            foreach (var (name, tamper) in Mutation.All)
            {
                using var device = new SimulatedDevice(Scenarios.Device(security));
                var transport = new DeviceTransport(device) { TamperAt = step, Tamper = tamper };
                using var bound = Ct.Bounded(20);
                try
                {
                    await Scenarios.RunAsync(scenario, security, transport, bound.Token);
                    if (!Undetectable(security, step, name) && !Retried(scenario, security, step, name))
                    {
                        failures.Add($"step {step} {name}: accepted without error");
                    }
                }
                catch (ProvException)
                {
                    typed++;
                }
                catch (Exception ex)
                {
                    failures.Add($"step {step} {name}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(typed > steps * 5, $"only {typed} typed failures over {steps} steps");
    }

    [Theory]
    [InlineData(SecurityVersion.Sec1)]
    [InlineData(SecurityVersion.Sec2)]
    public async Task A_reply_that_fails_inside_the_session_breaks_it_for_good(SecurityVersion security)
    {
        using var device = new SimulatedDevice(Scenarios.Device(security));
        // Request 3 is the first encrypted one (proto-ver, session 1, session 2, scan start).
        var transport = new DeviceTransport(device) { TamperAt = 3, Tamper = Mutation.All["garbage-same-length"] };
        await using var client = new EspProv.Flows.ProvisioningClient(transport, ownsTransport: false);
        await client.GetDeviceInfoAsync(cancellationToken: TestContext.Current.CancellationToken);
        await client.EstablishSessionAsync(Scenarios.Security(security), TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<ProvException>(() => client.ScanWifiAsync(TestContext.Current.CancellationToken));
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ScanWifiAsync(TestContext.Current.CancellationToken));
        Assert.IsAssignableFrom<ProvException>(again.InnerException);
    }

    private static async Task<int> BaselineStepsAsync(string scenario, SecurityVersion security)
    {
        using var device = new SimulatedDevice(Scenarios.Device(security));
        var transport = new DeviceTransport(device);
        using var bound = Ct.Bounded(20);
        await Scenarios.RunAsync(scenario, security, transport, bound.Token);
        return transport.Requests;
    }

    /// <summary>
    /// Damage that no client can detect, so success is an acceptable outcome: with the scheme given,
    /// proto-ver is informational (garbage only makes the device look like a legacy one); and without
    /// integrity protection (security 0 plaintext, security 1 AES-CTR) a flipped or cut reply after the
    /// handshake may still decode to a valid message. Security 2 (AES-GCM) must reject everything.
    /// </summary>
    private static bool Undetectable(SecurityVersion security, int step, string mutation)
    {
        var firstEncrypted = security == SecurityVersion.Sec0 ? 2 : 3;
        var undecidable = mutation is "bit-flip-middle" or "truncated-half" or "truncated-last-byte" or "oversized-append-64k";
        return (step == 0 && mutation != "link-drop")
            || (security == SecurityVersion.Sec0 && step >= 1 && undecidable)
            || (security == SecurityVersion.Sec1 && step >= firstEncrypted && undecidable);
    }

    /// <summary>esp_prov retries a status poll whose link failed; the Wi-Fi run polls from its third encrypted request on.</summary>
    private static bool Retried(string scenario, SecurityVersion security, int step, string mutation) =>
        scenario == "wifi" && mutation == "link-drop" && step >= (security == SecurityVersion.Sec0 ? 4 : 5);
}
