using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;

namespace NeuralStyle.FastStyle.Tests.Model;

/// <summary>A model as a stylizer: its options validated once, its file guarded, its identity its weights and options.</summary>
public sealed class FastStylizerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-stylizer-").FullName;

    [Fact]
    public async Task The_stylizer_gives_the_models_result_and_validates_its_options_once()
    {
        using FastStyleModel model = TestModels.Seeded();
        Assert.Throws<StyleTransferConfigurationException>(() => model.AsStylizer(StylizeOptions.Default with { Strength = 2 }));

        using FastStylizer stylizer = model.AsStylizer(StylizeOptions.Default with { Strength = 0.5 });
        using TransferImage photo = new(TestImages.Photo(40, 32));
        using TransferImage styled = await stylizer.StylizeAsync(photo);
        using TransferImage direct = model.Stylize(photo, StylizeOptions.Default with { Strength = 0.5 });
        Assert.Equal(direct.Color[9, 9], styled.Color[9, 9]);
        Assert.Empty(stylizer.Inputs);
    }

    [Fact]
    public void Its_identity_changes_with_the_weights_and_the_options_and_its_file_is_an_input()
    {
        string path = Path.Combine(_folder, "m.safetensors");
        using (FastStyleModel seeded = TestModels.Seeded(7))
        {
            seeded.Save(path);
        }

        using FastStyleModel loaded = FastStyleModel.Load(path);
        using FastStyleModel same = TestModels.Seeded(7);
        using FastStyleModel other = TestModels.Seeded(8);
        using FastStylizer fromFile = loaded.AsStylizer();
        Assert.Equal([(path, "model file")], fromFile.Inputs);
        Assert.Equal(same.AsStylizer().Identity, fromFile.Identity);
        Assert.NotEqual(other.AsStylizer().Identity, fromFile.Identity);
        Assert.NotEqual(loaded.AsStylizer(StylizeOptions.Default with { Size = 64 }).Identity, fromFile.Identity);

        StylizeFileNeverReplacesTheModel(loaded, path);
    }

    private void StylizeFileNeverReplacesTheModel(FastStyleModel model, string path)
    {
        string photo = Path.Combine(_folder, "photo.png");
        using (SixLabors.ImageSharp.Image image = TestImages.Photo(40, 32))
        {
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, photo);
        }

        byte[] before = File.ReadAllBytes(path);
        Assert.Throws<IO.OutputConflictException>(() => model.StylizeFile(photo, path, overwrite: true));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
