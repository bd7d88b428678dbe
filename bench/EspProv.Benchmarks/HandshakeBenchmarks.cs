using BenchmarkDotNet.Attributes;
using EspProv.Security;

namespace EspProv.Benchmarks;

/// <summary>
/// CPU of one prov-session handshake, client half and device half measured separately: each side
/// replays the other side's messages, recorded once with deterministic randomness. In the same table, each
/// security 2 side's three exponentiations done by OpenSSL's BN_mod_exp, the floor the handshake is held to
/// (at most twice that): client g^a, g^x, (B − k·g^x)^(a + u·x) with 256-, 512- and 1025-bit exponents;
/// device g^b, v^u, (A·v^u)^b with 256, 512 and 256 bits.
/// </summary>
public class HandshakeBenchmarks
{
    private readonly List<OpenSslBigNum> _openSsl = [];
    private OpenSslBigNum[] _clientExponentiations = [];
    private OpenSslBigNum[] _deviceExponentiations = [];
    private static readonly byte[] Pop = "abcd1234"u8.ToArray();
    private static readonly byte[] Username = "wifiprov"u8.ToArray();
    private static readonly byte[] Password = "abcd1234"u8.ToArray();
    private byte[] _salt = [];
    private byte[] _verifier = [];
    private byte[][] _sec1Client = [];
    private byte[][] _sec1Device = [];
    private byte[][] _sec2Client = [];
    private byte[][] _sec2Device = [];

    [GlobalSetup]
    public void Setup()
    {
        var credentials = Sec2Credentials.Generate("wifiprov", "abcd1234", 16);
        _salt = credentials.Salt;
        _verifier = credentials.Verifier;
        (_sec1Client, _sec1Device) = Record(NewSec1Client(), NewSec1Device());
        (_sec2Client, _sec2Device) = Record(NewSec2Client(), NewSec2Device());
        _clientExponentiations = [Exponentiation(256), Exponentiation(512), Exponentiation(1025)];
        _deviceExponentiations = [Exponentiation(256), Exponentiation(512), Exponentiation(256)];
    }

    [GlobalCleanup]
    public void Cleanup() => _openSsl.ForEach(e => e.Dispose());

    [Benchmark]
    public IntPtr Sec2ClientExponentiationsOpenSsl() => RunAll(_clientExponentiations);

    [Benchmark]
    public IntPtr Sec2DeviceExponentiationsOpenSsl() => RunAll(_deviceExponentiations);

    [Benchmark]
    public bool Sec1Client() => RunClient(NewSec1Client(), _sec1Device);

    [Benchmark]
    public bool Sec1Device() => RunDevice(NewSec1Device(), _sec1Client);

    [Benchmark]
    public bool Sec2Client() => RunClient(NewSec2Client(), _sec2Device);

    [Benchmark]
    public bool Sec2Device() => RunDevice(NewSec2Device(), _sec2Client);

    private OpenSslBigNum Exponentiation(int exponentBits)
    {
        var random = new Random(exponentBits);
        var exponentiation = new OpenSslBigNum(SrpOperands.Base(random), SrpOperands.Exponent(random, exponentBits), Crypto.Srp6aGroup.NBytes);
        _openSsl.Add(exponentiation);
        return exponentiation;
    }

    private static IntPtr RunAll(OpenSslBigNum[] exponentiations)
    {
        var last = IntPtr.Zero;
        foreach (var exponentiation in exponentiations)
        {
            last = exponentiation.ModExp();
        }

        return last;
    }

    private static Security1Client NewSec1Client() => new(Pop, new DeterministicRandom(1));

    private static Security1Device NewSec1Device() => new(Pop, new DeterministicRandom(2));

    private static Security2Client NewSec2Client() => new(Username, Password, new DeterministicRandom(3));

    private Security2Device NewSec2Device() => new(_salt, _verifier, 1, new DeterministicRandom(4));

    private static (byte[][] Client, byte[][] Device) Record(IClientSecurity client, IDeviceSecurity device)
    {
        var requests = new List<byte[]>();
        var responses = new List<byte[]>();
        var request = client.Start();
        while (request is not null)
        {
            requests.Add(request);
            var response = device.HandleSessionRequest(request);
            responses.Add(response);
            request = client.Continue(response);
        }

        return (requests.ToArray(), responses.ToArray());
    }

    private static bool RunClient(IClientSecurity client, byte[][] responses)
    {
        client.Start();
        foreach (var response in responses)
        {
            client.Continue(response);
        }

        (client as IDisposable)?.Dispose();
        return client.IsEstablished;
    }

    private static bool RunDevice(IDeviceSecurity device, byte[][] requests)
    {
        foreach (var request in requests)
        {
            device.HandleSessionRequest(request);
        }

        (device as IDisposable)?.Dispose();
        return device.IsEstablished;
    }
}
