namespace NeuralStyle.Vgg;

/// <summary>Formats of weight files the library reads.</summary>
public enum CheckpointFormat
{
    /// <summary>PyTorch <c>torch.save</c> zip archive (PyTorch 1.6 and later; torchvision's downloads).</summary>
    PyTorchZip,

    /// <summary>PyTorch's legacy (pre-1.6) pickle format.</summary>
    PyTorchLegacy,

    /// <summary>Hugging Face safetensors: a JSON header and raw tensors, no code. The safe format.</summary>
    Safetensors,
}
