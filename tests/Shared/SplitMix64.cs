namespace NeuralStyle.Testing;

/// <summary>
/// The counter-based SplitMix64 stream of shared/fixtures/README.md: for stream <c>seed</c> and
/// index i, state = seed + (i + 1)·γ, mixed, mapped to a double in [-1, 1).
/// </summary>
public static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static double Uniform(ulong seed, long index)
    {
        unchecked
        {
            ulong z = seed + ((ulong)(index + 1) * Gamma);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return ((z >> 11) * Math.Pow(2, -53) * 2) - 1;
        }
    }

    /// <summary>n values u·scale rounded to float32.</summary>
    public static float[] Floats(ulong seed, long count, double scale)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)(Uniform(seed, i) * scale);
        }

        return values;
    }
}
