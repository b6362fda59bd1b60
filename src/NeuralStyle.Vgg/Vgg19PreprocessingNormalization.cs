using NeuralStyle.Features;

namespace NeuralStyle.Vgg;

/// <summary>The normalisation each <see cref="Vgg19Preprocessing"/> stands for: the one mapping between the two.</summary>
internal static class Vgg19PreprocessingNormalization
{
    /// <summary>The core's normalisation of <paramref name="preprocessing"/>.</summary>
    public static ChannelNormalization Normalization(this Vgg19Preprocessing preprocessing) => preprocessing switch
    {
        Vgg19Preprocessing.Torchvision => ChannelNormalization.Torchvision,
        Vgg19Preprocessing.Caffe => ChannelNormalization.Caffe,
        _ => throw new ArgumentOutOfRangeException(nameof(preprocessing), preprocessing, "Unknown VGG19 preprocessing: use Torchvision or Caffe."),
    };

    /// <summary>The preprocessing whose normalisation is <paramref name="normalization"/>; null when none is.</summary>
    public static Vgg19Preprocessing? For(IInputNormalization normalization) =>
        Enum.GetValues<Vgg19Preprocessing>().Select(p => (Vgg19Preprocessing?)p).FirstOrDefault(p => Equals(p!.Value.Normalization(), normalization));
}
