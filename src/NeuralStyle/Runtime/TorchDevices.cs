using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TorchSharp;

namespace NeuralStyle.Runtime;

/// <summary>
/// The one default torch device and the one way a device name given as text (a command-line option,
/// a configuration value) is read, so that every host says the same thing about a bad one.
/// </summary>
public static class TorchDevices
{
    /// <summary>The device used unless one is given: <c>cpu</c>.</summary>
    public const string DefaultName = "cpu";

    /// <summary>
    /// Reads <paramref name="name"/>: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> (N a whole number from 0) or
    /// <c>mps</c> (Apple silicon), case-insensitive, around spaces. Only those: TorchSharp's own reading takes
    /// more (a number for the type, a negative index, <c>cpu:3</c>, a third part ignored) and throws on an
    /// index too large.
    /// </summary>
    /// <param name="name">The device's name.</param>
    /// <param name="device">The device, when the name is one.</param>
    /// <param name="problem">What is wrong and how to fix it, when it is not.</param>
    public static bool TryParse(string? name, [NotNullWhen(true)] out torch.Device? device, [NotNullWhen(false)] out string? problem)
    {
        string text = (name ?? string.Empty).Trim();
        const string cuda = "cuda", mps = "mps";
        device = text.ToLowerInvariant() switch
        {
            DefaultName => new torch.Device(DeviceType.CPU),
            cuda => new torch.Device(DeviceType.CUDA),
            mps => new torch.Device(DeviceType.MPS),
            _ when text.StartsWith(cuda + ":", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(text.AsSpan(cuda.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index) => new torch.Device(DeviceType.CUDA, index),
            _ => null,
        };
        problem = device is null ? $"'{name}' is not a torch device: use {DefaultName}, {cuda}, {cuda}:N or {mps}." : null;
        return device is not null;
    }
}
