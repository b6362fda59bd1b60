using NeuralStyle.Features;
using NeuralStyle.Transfer;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>One way of styling compared by the quality benchmark: a name and how it sets up a builder.</summary>
internal sealed record QualityConfiguration(string Name, string Description, IFeatureExtractor Extractor, Func<StyleTransferBuilder, StyleTransferBuilder> Configure);
