using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Tests.Service;

/// <summary>The service's start-up check on its own: every problem at once, each naming its setting.</summary>
public sealed class NeuralStyleServiceOptionsValidatorTests
{
    [Fact]
    public void Every_bad_setting_is_reported_at_once_by_its_configuration_name()
    {
        var options = new NeuralStyleServiceOptions
        {
            ModelPath = null,
            Device = "gpu!",
            QueueCapacity = 0,
            MaxDegreeOfParallelism = 65,
            ResultRetention = TimeSpan.Zero,
            Models = { ["the-scream"] = "x.safetensors", ["mine"] = "/no/such/model.safetensors" },
        };
        options.Paint.QueueCapacity = 0;
        options.Paint.Evaluations = 0;

        string[] failures = new NeuralStyleServiceOptionsValidator().Validate(null, options).Failures!.ToArray();

        string[] expected =
        [
            "NeuralStyle:ModelPath is not set", "NeuralStyle:Device 'gpu!' is not a torch device", "NeuralStyle:Models:the-scream has a built-in style's name",
            "NeuralStyle:Models:mine '/no/such/model.safetensors' is not an existing file", "NeuralStyle:Paint:QueueCapacity: PaintServiceOptions.QueueCapacity must be a whole number from 1 to 1000 (got 0).",
            "NeuralStyle:Paint:Evaluations: PaintServiceOptions.Evaluations must be a whole number of at least 1 (got 0)", "NeuralStyle:QueueCapacity: NeuralStyleServiceOptions.QueueCapacity must be a whole number from 1 to 10000 (got 0).", "NeuralStyle:MaxDegreeOfParallelism: NeuralStyleServiceOptions.MaxDegreeOfParallelism must be a whole number from 1 to 64 (got 65).",
            "NeuralStyle:ResultRetention must be positive",
        ];
        Assert.All(expected, e => Assert.Contains(failures, f => f.StartsWith(e, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, failures.Length);
    }

    [Fact]
    public void A_bad_stylise_option_is_named_by_its_configuration_key_and_its_description()
    {
        var options = new NeuralStyleServiceOptions
        {
            ModelPath = "shipwreck",
            Stylize = FastStyle.Inference.StylizeOptions.Default with { Strength = 2, TileOverlap = -1 },
        };

        string[] failures = new NeuralStyleServiceOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Equal(2, failures.Length);
        Assert.Contains(failures, f => f.StartsWith("NeuralStyle:Stylize:Strength: StylizeOptions.Strength must be a finite number from 0 to 1 (got 2).", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("NeuralStyle:Stylize:TileOverlap: StylizeOptions.TileOverlap must be a whole number of at least 0 (got -1).", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_with_a_built_in_style_pass()
    {
        Assert.True(new NeuralStyleServiceOptionsValidator().Validate(null, new NeuralStyleServiceOptions { ModelPath = "shipwreck" }).Succeeded);
    }
}
