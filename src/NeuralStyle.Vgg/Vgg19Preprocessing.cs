using NeuralStyle.Features;

namespace NeuralStyle.Vgg;

/// <summary>The input convention the VGG19 weights were trained with.</summary>
public enum Vgg19Preprocessing
{
    /// <summary>torchvision: RGB / 255, ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).</summary>
    Torchvision,

    /// <summary>Caffe / Keras <c>preprocess_input</c>: BGR, 0-255, minus (103.939, 116.779, 123.68).</summary>
    Caffe,
}

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
