using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// Style targets shared by the calls of one <see cref="Stylizing.TransferStylizer"/>: keyed by the style loss,
/// the layers and each style tensor's shape, weight and content digest, so a style seen again at the
/// same size (and colours) is not run through the network again. Bounded (least recently used
/// entries are dropped); hands out copies, so callers own and dispose what they get. Thread-safe.
/// </summary>
internal sealed class StyleTargetCache : IDisposable
{
    /// <summary>The entries kept by default (a target set is a few MB at most: Gram matrices per layer).</summary>
    public const int DefaultCapacity = 32;

    private readonly Lock _gate = new();
    private readonly LinkedList<(string Key, Dictionary<FeatureLayer, torch.Tensor> Targets)> _entries = new();
    private readonly int _capacity;

    public StyleTargetCache(int capacity = DefaultCapacity) => _capacity = capacity;

    /// <summary>Targets computed so far (misses).</summary>
    public int Computed { get; private set; }

    /// <summary>Targets served from the cache (hits).</summary>
    public int Reused { get; private set; }

    /// <summary>A copy of the targets for <paramref name="key"/>, computing them with <paramref name="compute"/> on a miss.</summary>
    public Dictionary<FeatureLayer, torch.Tensor> GetOrCompute(string key, Func<Dictionary<FeatureLayer, torch.Tensor>> compute)
    {
        lock (_gate)
        {
            for (LinkedListNode<(string Key, Dictionary<FeatureLayer, torch.Tensor> Targets)>? node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    Reused++;
                    return Copy(node.Value.Targets);
                }
            }

            Dictionary<FeatureLayer, torch.Tensor> computed = compute();
            Computed++;
            _entries.AddFirst((key, Copy(computed)));
            while (_entries.Count > _capacity)
            {
                Release(_entries.Last!.Value.Targets);
                _entries.RemoveLast();
            }

            return computed;
        }
    }

    /// <summary>The key of <paramref name="styles"/>' blended targets under a loss and layers.</summary>
    public static string KeyOf(string loss, IEnumerable<FeatureLayer> layers, IReadOnlyList<StyleTensor> styles) =>
        $"{loss}|{string.Join(",", layers)}|" + string.Join(";", styles.Select(s => $"{s.Weight:R}:{string.Join("x", s.Image.shape)}:{s.Image.dtype}:{s.Image.device}:{Digest(s.Image)}"));

    private static string Digest(torch.Tensor image)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor values = image.detach().to(torch.float32).cpu().contiguous();
        return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.data<float>().ToArray().AsSpan())));
    }

    private static Dictionary<FeatureLayer, torch.Tensor> Copy(Dictionary<FeatureLayer, torch.Tensor> targets) =>
        targets.ToDictionary(p => p.Key, p => p.Value.clone().DetachFromDisposeScope());

    private static void Release(Dictionary<FeatureLayer, torch.Tensor> targets)
    {
        foreach (torch.Tensor tensor in targets.Values)
        {
            tensor.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach ((string _, Dictionary<FeatureLayer, torch.Tensor> targets) in _entries)
            {
                Release(targets);
            }

            _entries.Clear();
        }
    }
}
