using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

// dotnet run --project samples/NeuralStyle.OnnxStylize -- MODEL.onnx photo.jpg styled.png
using var session = new InferenceSession(args[0]);
using var image = Image.Load<Rgb24>(args[1]);
var input = new DenseTensor<float>([1, 3, image.Height, image.Width]);
image.ProcessPixelRows(rows =>
{
    for (int y = 0; y < rows.Height; y++)
    {
        Span<Rgb24> row = rows.GetRowSpan(y);
        for (int x = 0; x < row.Length; x++)
        {
            (input[0, 0, y, x], input[0, 1, y, x], input[0, 2, y, x]) = (row[x].R / 255f, row[x].G / 255f, row[x].B / 255f);
        }
    }
});
using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", input)]);
Tensor<float> output = results[0].AsTensor<float>(); // RGB in [0, 1], the input's size
image.ProcessPixelRows(rows =>
{
    for (int y = 0; y < rows.Height; y++)
    {
        Span<Rgb24> row = rows.GetRowSpan(y);
        for (int x = 0; x < row.Length; x++)
        {
            row[x] = new Rgb24((byte)((output[0, 0, y, x] * 255) + 0.5f), (byte)((output[0, 1, y, x] * 255) + 0.5f), (byte)((output[0, 2, y, x] * 255) + 0.5f));
        }
    }
});
image.Save(args[2]);
