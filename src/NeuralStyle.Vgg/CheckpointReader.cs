using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using TorchSharp;
using TorchSharp.PyBridge;

namespace NeuralStyle.Vgg;

/// <summary>
/// Reads a state dictionary (name → tensor) from a PyTorch <c>.pth</c> file (zip or legacy, with
/// <see cref="TorchPickleReader"/>) or a <c>.safetensors</c> file (with TorchSharp.PyBridge), detecting the format from the content, not the extension.
/// </summary>
public static class CheckpointReader
{
    /// <summary>Detects the format of a weights file from its first bytes.</summary>
    /// <exception cref="InvalidWeightsException">The content is not a format the library reads.</exception>
    public static CheckpointFormat DetectFormat(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[9];
        long start = stream.Position;
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
        {
            return CheckpointFormat.PyTorchZip;
        }

        if (read >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
        {
            return CheckpointFormat.PyTorchLegacy;
        }

        if (read == 9 && head[8] == (byte)'{' && BitConverter.ToUInt64(head[..8]) < (ulong)Math.Max(stream.Length, 0))
        {
            return CheckpointFormat.Safetensors;
        }

        throw new InvalidWeightsException(
            $"{source} is not a PyTorch checkpoint (.pth, zip or legacy pickle) nor a .safetensors file" +
            (read == 0 ? " (it is empty)." : "."));
    }

    /// <summary>Reads every tensor of a weights file; dispose the result to free them.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidWeightsException">The file is truncated, corrupt or not a weights file.</exception>
    public static StateDictionary Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file '{path}' does not exist. Check the path, or download the weights first.", path);
        }

        using FileStream stream = File.OpenRead(path);
        return Read(stream, $"'{path}'");
    }

    /// <summary>Reads every tensor from a seekable stream; dispose the result to free them.</summary>
    /// <exception cref="InvalidWeightsException">The data is truncated, corrupt or not a weights file.</exception>
    public static StateDictionary Read(Stream stream, string source = "the stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The weights stream must be seekable; copy it to a MemoryStream or a file first.", nameof(stream));
        }

        CheckpointFormat format = DetectFormat(stream, source);
        try
        {
            // Tensors made while reading stay in this scope, so a failure half-way frees them.
            using var scope = torch.NewDisposeScope();
            Dictionary<string, torch.Tensor> state = format switch
            {
                CheckpointFormat.Safetensors => LoadSafetensors(stream),
                CheckpointFormat.PyTorchZip => TorchPickleReader.ReadZip(stream),
                _ => TorchPickleReader.ReadLegacy(stream),
            };
            foreach (torch.Tensor tensor in state.Values)
            {
                tensor.DetachFromDisposeScope();
            }

            return new StateDictionary(state);
        }
        catch (Exception exception) when (exception is not InvalidWeightsException and not OutOfMemoryException)
        {
            throw new InvalidWeightsException(
                $"{source} looks like a {format} file but could not be read ({exception.GetType().Name}: {exception.Message}). " +
                "It may be truncated or corrupt: download it again.",
                exception);
        }
    }

    /// <summary>A <c>.safetensors</c> file's tensors, after its ranges are checked (<see cref="SafetensorsExtents"/>).</summary>
    private static Dictionary<string, torch.Tensor> LoadSafetensors(Stream stream)
    {
        SafetensorsExtents.Check(stream);
        return Safetensors.LoadStateDict(stream, leaveOpen: true);
    }
}
