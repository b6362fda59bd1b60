namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Which photo and which crop the k-th training sample is: a pure function of the seed and k (a
/// per-epoch permutation of the photos, then a crop drawn from a generator seeded by the seed and
/// k), so the sample stream needs no state beyond its position and a resumed run sees exactly the
/// crops an uninterrupted one would.
/// </summary>
internal sealed class CropPlan(int photoCount, long seed)
{
    private int[]? _permutation;
    private long _epoch = -1;

    /// <summary>The photo of sample <paramref name="sample"/>, then the next ones in its epoch's order to fall back on.</summary>
    public IEnumerable<int> Photos(long sample)
    {
        long epoch = sample / photoCount;
        int position = (int)(sample % photoCount);
        int[] permutation = Permutation(epoch);
        for (int i = 0; i < photoCount; i++)
        {
            yield return permutation[(position + i) % photoCount];
        }
    }

    /// <summary>The crop of sample <paramref name="sample"/> in a <paramref name="width"/> x <paramref name="height"/> photo: a square of side in [size, short side] (the short side if smaller), its corner, and a horizontal flip.</summary>
    public (int Left, int Top, int Side, bool Flip) Crop(long sample, int width, int height, int size)
    {
        var random = new Random(Mix(seed, sample));
        int shortSide = Math.Min(width, height);
        int side = shortSide <= size ? shortSide : random.Next(size, shortSide + 1);
        int left = random.Next(0, width - side + 1);
        int top = random.Next(0, height - side + 1);
        return (left, top, side, random.Next(2) == 1);
    }

    private int[] Permutation(long epoch)
    {
        if (epoch != _epoch || _permutation is null)
        {
            var random = new Random(Mix(seed, -1 - epoch));
            _permutation = Enumerable.Range(0, photoCount).ToArray();
            random.Shuffle(_permutation);
            _epoch = epoch;
        }

        return _permutation;
    }

    /// <summary>A 31-bit seed from two 64-bit values (SplitMix64's finaliser).</summary>
    private static int Mix(long a, long b)
    {
        ulong z = unchecked((ulong)a * 0x9E3779B97F4A7C15UL ^ (ulong)b);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
