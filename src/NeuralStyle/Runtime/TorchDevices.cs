using System.Diagnostics.CodeAnalysis;
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

    /// <summary>Reads <paramref name="name"/> (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>).</summary>
    /// <param name="name">The device's name.</param>
    /// <param name="device">The device, when the name is one.</param>
    /// <param name="problem">What is wrong and how to fix it, when it is not.</param>
    public static bool TryParse(string? name, [NotNullWhen(true)] out torch.Device? device, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            device = new torch.Device(name ?? string.Empty);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            device = null;
            problem = $"'{name}' is not a torch device: use {DefaultName}, cuda or cuda:N.";
            return false;
        }
    }
}
