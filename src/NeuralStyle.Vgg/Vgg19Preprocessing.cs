namespace NeuralStyle.Vgg;

/// <summary>The input convention the VGG19 weights were trained with.</summary>
public enum Vgg19Preprocessing
{
    /// <summary>torchvision: RGB / 255, ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).</summary>
    Torchvision,

    /// <summary>Caffe / Keras <c>preprocess_input</c>: BGR, 0-255, minus (103.939, 116.779, 123.68).</summary>
    Caffe,
}
