using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Onnx;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.FastStyle.Model;

/// <summary>
/// A trained fast style network: stylises an image in one forward pass. Load one with
/// <see cref="Load(string, torch.Device?)"/> (a <c>.safetensors</c> file written by <see cref="Save"/> or by
/// <see cref="Training.FastStyleTrainer"/>), export it with <see cref="ExportOnnx"/>. Every method
/// may be called from several threads at once; <see cref="Dispose"/> refuses new calls at once and
/// frees the network when the last call in progress ends.
/// </summary>
public sealed class FastStyleModel : IDisposable
{
    private readonly TransformerNet _network;
    private readonly NativeResourceGuard _guard;
    private readonly Lazy<double> _networkBytesPerPixel;
    private readonly Lazy<string> _digest;

    internal FastStyleModel(TransformerNet network, FastStyleModelInfo info, string source = "a model built in code", string? sourcePath = null)
    {
        Source = source;
        SourcePath = sourcePath;
        // PublicationOnly: a measurement that fails once (out of memory under load, say) is tried again by the next call, not remembered.
        _digest = new Lazy<string>(ComputeDigest, LazyThreadSafetyMode.PublicationOnly);
        NeuralStyle.Runtime.Nnpack.Disable();
        _network = network;
        _network.RequireGradients(false);
        Info = info with { Architecture = network.Architecture };
        _guard = new NativeResourceGuard(nameof(FastStyleModel), network.Dispose);
        _networkBytesPerPixel = new Lazy<double>(MeasureBytesPerPixel, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>What the model file says about the network and its training.</summary>
    public FastStyleModelInfo Info { get; }

    /// <summary>The network's shape.</summary>
    public FastStyleArchitecture Architecture => _network.Architecture;

    /// <summary>The device the weights live on.</summary>
    public torch.Device Device => _network.Parameters[0].Value.device;

    /// <summary>The network.</summary>
    internal TransformerNet Network => _network;

    /// <summary>Where the model came from, for messages: <c>'m.safetensors'</c>, <c>the built-in style 'starry-night'</c>.</summary>
    internal string Source { get; }

    /// <summary>The file it was loaded from, or null (a stream, a model built in code).</summary>
    internal string? SourcePath { get; }

    /// <summary>SHA-256 of the architecture, every weight and the recorded palette, lower-case hex: what identifies the model's results.</summary>
    internal string Digest => _digest.Value;

    /// <summary>
    /// A stylizer that paints every photo with this model and <paramref name="options"/> (validated
    /// here, once): what the commands, batches and the service run (<see cref="IStylizer"/>).
    /// </summary>
    /// <param name="options">How to stylise (default <see cref="StylizeOptions.Default"/>).</param>
    /// <exception cref="Transfer.StyleTransferConfigurationException">The options are invalid.</exception>
    public FastStylizer AsStylizer(StylizeOptions? options = null)
    {
        options ??= StylizeOptions.Default;
        options.EnsureValid();
        return new FastStylizer(this, options);
    }

    /// <summary>
    /// Loads a model file (or a training checkpoint, whose network it takes), checking it before any weight is used: the metadata (a NeuralStyle
    /// fast-style model of a version this library reads), every key, shape and dtype the
    /// architecture needs, finite values, and a file that is not truncated.
    /// </summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <param name="device">Where to put the weights (default CPU).</param>
    /// <exception cref="InvalidWeightsException">The file is not a valid model; the message names every problem.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static FastStyleModel Load(string path, torch.Device? device = null) => FromFile(SafetensorsFile.Read(path), $"'{path}'", device, path);

    /// <summary>
    /// Loads a model from a stream holding a model file (an embedded resource, a download), with
    /// the same checks as <see cref="Load(string, torch.Device?)"/>; the stream is read to its end
    /// (at most <see cref="MaximumStreamBytes"/>) and left open.
    /// </summary>
    /// <param name="stream">The model file's bytes.</param>
    /// <param name="source">What the stream is, for messages (e.g. "the built-in style 'starry-night'").</param>
    /// <param name="device">Where to put the weights (default CPU).</param>
    /// <exception cref="InvalidWeightsException">The bytes are not a valid model, or more than <see cref="MaximumStreamBytes"/>.</exception>
    public static FastStyleModel Load(Stream stream, string source, torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        using MemoryStream read = BoundedRead.ReadAll(stream, MaximumStreamBytes)
            ?? throw new InvalidWeightsException($"{source} is larger than {MaximumStreamBytes / (1024 * 1024)} MB: not a fast-style model (the largest architecture's file is far smaller).");
        return FromFile(SafetensorsFile.Read(read.ToArray(), source), source, device, null);
    }

    /// <summary>The most bytes <see cref="Load(Stream, string, torch.Device?)"/> reads.</summary>
    public const int MaximumStreamBytes = 256 * 1024 * 1024;

    private static FastStyleModel FromFile((IReadOnlyDictionary<string, string> Metadata, StateDictionary Tensors) file, string source, torch.Device? device, string? path)
    {
        (IReadOnlyDictionary<string, string> metadata, StateDictionary tensors) = file;
        using (tensors)
        {
            var problems = new List<string>();
            FastStyleModelInfo? info = FastStyleModelInfo.FromMetadata(metadata, problems);
            if (info is null)
            {
                throw new InvalidWeightsException($"{source} is not a usable fast-style model: {string.Join("; ", problems)}.");
            }

            IReadOnlyList<(string Key, long[] Shape)> expected = NetworkPlan.Parameters(info.Architecture);
            StateDictionaryValidator.Validate(source, tensors, expected.ToDictionary(p => p.Key, p => p.Shape));
            bool checkpoint = metadata.ContainsKey(TrainingCheckpoint.StepKey);
            string[] unexpected = tensors.Keys
                .Except(expected.Select(p => p.Key))
                .Where(k => !(checkpoint && k.StartsWith(TrainingCheckpoint.OptimizerPrefix, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (unexpected.Length > 0)
            {
                throw new InvalidWeightsException(
                    $"The weights from {source} do not fit a {info.Architecture}: "
                    + $"unexpected key{(unexpected.Length == 1 ? string.Empty : "s")} {string.Join(", ", unexpected.Take(5).Select(k => $"'{k}'"))}.");
            }

            return new FastStyleModel(TransformerNet.FromState(info.Architecture, tensors, device), info, source, path);
        }
    }

    /// <summary>Writes the model to <paramref name="path"/> (<c>.safetensors</c>, with <see cref="Info"/> as metadata) atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="overwrite">When false (the default), an existing file is an error and is left untouched.</param>
    public void Save(string path, bool overwrite = false)
    {
        using NativeResourceGuard.Use use = _guard.Enter();
        Write(path, overwrite, _network, Info);
    }

    /// <summary>Writes <paramref name="network"/> with <paramref name="info"/> as a model file, atomically.</summary>
    internal static void Write(string path, bool overwrite, TransformerNet network, FastStyleModelInfo info) =>
        AtomicFile.Write(path, overwrite, stream => SafetensorsFile.Write(stream, network.Parameters, info.ToMetadata()));

    /// <summary>
    /// Writes the network as an ONNX model (opset 13) with dynamic batch, height and width: input
    /// <c>image</c>, output <c>stylized</c>, both <c>[N, 3, H, W]</c> float RGB in [0, 1]. ONNX
    /// Runtime (or any ONNX runtime) then runs it without TorchSharp. The graph is the network and, for a
    /// model with a palette, its palette step at <paramref name="paletteShare"/>, so it paints what
    /// <see cref="Stylize(TransferImage, StylizeOptions?, CancellationToken)"/> paints with that
    /// <see cref="StylizeOptions.PaletteShare"/> (by default, the default's) for an image it does not tile
    /// (the graph has no tiles: an image too large for the memory limit runs whole). Strength and colour keeping
    /// are not in it. The metadata holds the palette (<c>palette</c>, <see cref="ColorPalette.ToText"/>) and the
    /// share the graph already applied (<c>palette_share</c>; 0 when it applied none).
    /// </summary>
    /// <param name="path">The <c>.onnx</c> file to write (atomically).</param>
    /// <param name="overwrite">When false (the default), an existing file is an error and is left untouched.</param>
    /// <param name="paletteShare">How far the graph moves the colours to the palette, as <see cref="StylizeOptions.PaletteShare"/> (null: its default; 0: the network's own colours, no palette step).</param>
    /// <exception cref="Transfer.StyleTransferConfigurationException"><paramref name="paletteShare"/> is not a number from 0 to 1.</exception>
    public void ExportOnnx(string path, bool overwrite = false, double? paletteShare = null)
    {
        StylizeOptions options = StylizeOptions.Default with { PaletteShare = paletteShare ?? StylizeOptions.Default.PaletteShare };
        options.EnsureValid();
        using NativeResourceGuard.Use use = _guard.Enter();
        AtomicFile.Write(path, overwrite, stream => OnnxExporter.Write(stream, _network, Info, options.PaletteShare));
    }

    /// <summary>Stylises <paramref name="image"/>; the result has its size and alpha.</summary>
    /// <exception cref="Transfer.StyleTransferConfigurationException">The options are invalid, or the image is smaller than the network can take.</exception>
    public TransferImage Stylize(TransferImage image, StylizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return StylizeBatch([image], options, cancellationToken)[0];
    }

    /// <summary>Stylises an ImageSharp image; the result has its size.</summary>
    public Image<Rgb24> Stylize(Image<Rgb24> image, StylizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var input = new TransferImage(image.Clone());
        TransferImage result = Stylize(input, options, cancellationToken);
        return result.Color;
    }

    /// <summary>Decodes an image from <paramref name="stream"/> (with the loader's limits) and stylises it.</summary>
    /// <param name="stream">The encoded image.</param>
    /// <param name="options">How to stylise.</param>
    /// <param name="loadOptions">Decoding limits (default <see cref="ImageLoadOptions.Default"/>).</param>
    /// <param name="cancellationToken">Checked between tiles.</param>
    public TransferImage Stylize(Stream stream, StylizeOptions? options = null, ImageLoadOptions? loadOptions = null, CancellationToken cancellationToken = default)
    {
        using TransferImage input = new ImageLoader(loadOptions).Load(stream);
        return Stylize(input, options, cancellationToken);
    }

    /// <summary>Stylises the image file <paramref name="input"/> into <paramref name="output"/> (written atomically), through <see cref="StylizePipeline"/>.</summary>
    /// <param name="input">The photo.</param>
    /// <param name="output">The result's path (.png, .jpg or .webp); never the input or the model file.</param>
    /// <param name="options">How to stylise.</param>
    /// <param name="overwrite">Replace <paramref name="output"/> if it exists.</param>
    /// <param name="cancellationToken">Checked between tiles and before the file is moved into place.</param>
    public void StylizeFile(string input, string output, StylizeOptions? options = null, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        using FastStylizer stylizer = AsStylizer(options);
        StylizePipeline.Default.StylizeFileAsync(stylizer, input, output, overwrite, progress: null, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Stylises several images (video frames, say); images of the same size run as one batch.
    /// Results are in the order of <paramref name="images"/>.
    /// </summary>
    public IReadOnlyList<TransferImage> StylizeBatch(IReadOnlyList<TransferImage> images, StylizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        options ??= StylizeOptions.Default;
        var problems = new ProblemList();
        options.Validate(problems);
        if (!problems.IsEmpty)
        {
            // Options that cannot resize: the sizes as given are reported with them.
            foreach (TransferImage image in images)
            {
                RequireSides(problems, image, image, options);
            }

            problems.ThrowIfAny();
        }

        TransferImage?[] resized = images.Select(options.Resized).ToArray();
        try
        {
            TransferImage[] working = images.Select((image, i) => resized[i] ?? image).ToArray();
            for (int i = 0; i < images.Count; i++)
            {
                RequireSides(problems, images[i], working[i], options);
            }

            problems.ThrowIfAny();
            return Render(working, options, cancellationToken);
        }
        finally
        {
            foreach (TransferImage? image in resized)
            {
                image?.Dispose();
            }
        }
    }

    /// <summary>The network's paddings need <see cref="MinimumSide"/> pixels a side: checked on what it sees, after any resize.</summary>
    private static void RequireSides(ProblemList problems, TransferImage image, TransferImage working, StylizeOptions options)
    {
        bool resized = !ReferenceEquals(image, working);
        problems.Require(
            working.Width >= MinimumSide && working.Height >= MinimumSide,
            Setting.ContentImage,
            resized
                ? $"The image is {image.Width}x{image.Height}, {working.Width}x{working.Height} at size {options.Size}; a fast style network needs at least {MinimumSide} px a side."
                : $"The image is {image.Width}x{image.Height}; a fast style network needs at least {MinimumSide} px a side.",
            resized ? "Give a larger size, or crop the image to a less elongated shape." : "Enlarge the image first.");
    }

    private TransferImage[] Render(IReadOnlyList<TransferImage> images, StylizeOptions options, CancellationToken cancellationToken)
    {
        using NativeResourceGuard.Use use = _guard.Enter();
        var results = new TransferImage[images.Count];
        foreach (IGrouping<(int Width, int Height), int> group in Enumerable.Range(0, images.Count).GroupBy(i => (images[i].Width, images[i].Height)))
        {
            int[] indices = group.ToArray();
            TilePlan plan = Plan(indices.Length, group.Key.Width, group.Key.Height, options);
            foreach (int[] pass in indices.Chunk(plan.ImagesPerPass))
            {
                TransferImage[] rendered = RenderSameSize(pass.Select(i => images[i]).ToArray(), options, cancellationToken);
                for (int k = 0; k < pass.Length; k++)
                {
                    results[pass[k]] = rendered[k];
                }
            }
        }

        return results;
    }

    /// <summary>The smallest side the network takes.</summary>
    public const int MinimumSide = ImageSettings.MinimumSize;

    /// <summary>
    /// The network's output in [0, 1] for RGB input in [0, 1] (<c>[N, 3, H, W]</c>); what the ONNX
    /// export computes before its palette step (all of it, exported with a palette share of 0). An image larger than the memory limit allows runs in tiles, every tile
    /// normalised with the same statistics, the whole image's as pooled from its tiles
    /// (<see cref="TileStatistics"/>): each tile's own would shift the texture from tile to tile.
    /// </summary>
    internal torch.Tensor Forward(torch.Tensor rgb, StylizeOptions options, CancellationToken cancellationToken)
    {
        using var noGrad = torch.no_grad();
        long height = rgb.shape[^2], width = rgb.shape[^1];
        TilePlan plan = Plan((int)rgb.shape[0], width, height, options);
        if (!TiledForward.Splits(height, width, plan.TileSize))
        {
            return _network.Forward(rgb).Between_(0, 1);
        }

        using var scope = torch.NewDisposeScope();
        IReadOnlyList<(torch.Tensor Mean, torch.Tensor Variance)> statistics = TileStatistics.Pool(_network, rgb, plan.TileSize, plan.TileOverlap, cancellationToken);
        torch.Tensor output = TiledForward.Run(rgb, plan.TileSize, plan.TileOverlap, tile => _network.Forward(tile, statistics), cancellationToken);
        return output.Between_(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>How <paramref name="images"/> images of a size fit the memory limit: one plan for the passes and their tiles.</summary>
    private TilePlan Plan(int images, long width, long height, StylizeOptions options) =>
        TilePlan.For(images, width, height, _networkBytesPerPixel.Value, options, Recolors(options));

    /// <summary>Whether results move to the model's palette: it has one and the options ask for some of it.</summary>
    private bool Recolors(StylizeOptions options) => Info.Palette is not null && options.PaletteShare > 0;

    /// <summary>The bytes the network's pass holds per pixel of its input, measured once on a 128 px probe (its padding makes that a slight overestimate).</summary>
    private double MeasureBytesPerPixel()
    {
        const int probe = 128;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        _network.Forward(torch.zeros(1, 3, probe, probe, device: Device), out long held);
        return (double)held / (probe * probe);
    }

    private TransferImage[] RenderSameSize(TransferImage[] images, StylizeOptions options, CancellationToken cancellationToken)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = torch.cat(images.Select(i => ImageTensor.FromImage(i.Color, Device)).ToArray(), 0);
        torch.Tensor output = Forward(input, options, cancellationToken);
        if (Recolors(options))
        {
            output = Info.Palette!.Recolor(output, options.PaletteShare);
        }

        if (options.Strength < 1)
        {
            output = ScalarArithmetic.Lerp(input, output, options.Strength);
        }

        if (options.ColorPreservation == ColorPreservation.LuminanceOnly)
        {
            output = YCbCr.KeepChroma(output, input);
        }

        return images.Select((image, k) => new TransferImage(ImageTensor.ToImage(output[k]), image.Alpha?.Clone())).ToArray();
    }

    private string ComputeDigest()
    {
        using NativeResourceGuard.Use use = _guard.Enter();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach ((string name, torch.Tensor value) in _network.Parameters)
        {
            using var scope = torch.NewDisposeScope();
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.detach().to(torch.float32).cpu().contiguous().data<float>().ToArray().AsSpan()));
        }

        if (Info.Palette is ColorPalette palette)
        {
            // The palette changes the results as the weights do.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes("palette " + palette.ToText()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose() => _guard.Dispose();
}
