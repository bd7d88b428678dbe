namespace EspProv.Fuzz;

/// <summary>
/// A small deterministic mutation fuzzer (bit flips, byte sets, interesting values, cuts, splices,
/// duplications), for running the targets without a native fuzzer: seeded, bounded in iterations and time.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x08, 0x10, 0x12, 0x1A, 0x22, 0x52, 0x5A, 0x62, 0x6A, 0x72, 0x7A, (byte)'\n', (byte)' ', (byte)':', (byte)'"'];
    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (_random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[_random.Next(data.Count)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[_random.Next(data.Count)] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.Insert(_random.Next(data.Count + 1), (byte)_random.Next(256));
                    break;
                case 3 when data.Count > 0:
                    var at = _random.Next(data.Count);
                    data.RemoveRange(at, _random.Next(data.Count - at + 1));
                    break;
                case 4 when data.Count > 1:
                    var from = _random.Next(data.Count);
                    var count = Math.Min(_random.Next(1, 64), data.Count - from);
                    data.InsertRange(_random.Next(data.Count + 1), data.GetRange(from, count));
                    break;
                case 5 when corpus.Count > 0:
                    var other = corpus[_random.Next(corpus.Count)];
                    var cut = _random.Next(data.Count + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    data.AddRange(other.Skip(_random.Next(other.Length + 1)));
                    break;
                case 6 when data.Count > 0:
                    data[_random.Next(data.Count)] = (byte)_random.Next(256);
                    break;
                default:
                    if (data.Count < 8192)
                    {
                        data.AddRange(Enumerable.Range(0, _random.Next(1, 16)).Select(_ => (byte)_random.Next(256)));
                    }

                    break;
            }
        }

        return [.. data];
    }
}
