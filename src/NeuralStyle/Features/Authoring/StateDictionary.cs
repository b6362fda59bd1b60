using System.Collections;
using System.Diagnostics.CodeAnalysis;
using TorchSharp;

namespace NeuralStyle.Features.Authoring;

/// <summary>
/// Named weight tensors (a PyTorch <c>state_dict</c>) that it owns: disposing it frees every
/// tensor, so loaded weights cannot leak native memory.
/// </summary>
public sealed class StateDictionary : IReadOnlyDictionary<string, torch.Tensor>, IDisposable
{
    private readonly Dictionary<string, torch.Tensor> _tensors;

    /// <summary>Takes ownership of <paramref name="tensors"/>.</summary>
    public StateDictionary(IEnumerable<KeyValuePair<string, torch.Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = new Dictionary<string, torch.Tensor>(tensors, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public int Count => _tensors.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _tensors.Keys;

    /// <inheritdoc />
    public IEnumerable<torch.Tensor> Values => _tensors.Values;

    /// <inheritdoc />
    public torch.Tensor this[string key] => _tensors[key];

    /// <summary>Sets <paramref name="key"/> to <paramref name="tensor"/> (taking ownership), disposing the tensor it replaces.</summary>
    public void Replace(string key, torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (_tensors.Remove(key, out torch.Tensor? old) && !ReferenceEquals(old, tensor))
        {
            old.Dispose();
        }

        _tensors[key] = tensor;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _tensors.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out torch.Tensor value) => _tensors.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, torch.Tensor>> GetEnumerator() => _tensors.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes every tensor.</summary>
    public void Dispose()
    {
        foreach (torch.Tensor tensor in _tensors.Values)
        {
            tensor.Dispose();
        }

        _tensors.Clear();
    }
}
