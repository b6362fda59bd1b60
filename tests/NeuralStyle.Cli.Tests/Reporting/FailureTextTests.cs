using NeuralStyle.Cli.Reporting;
using NeuralStyle.IO;

namespace NeuralStyle.Cli.Tests.Reporting;

/// <summary>A library failure in the command's terms: the option that fixes it beside each setting the message names, once.</summary>
public sealed class FailureTextTests
{
    [Fact]
    public void An_existing_output_names_overwrite()
    {
        var exists = new OutputExistsException("'out.png' already exists: choose another output, or allow overwriting it.");

        Assert.Equal("'out.png' already exists: choose another output, or allow overwriting it (--overwrite).", FailureText.Of(exists));
    }

    [Fact]
    public void Settings_named_the_API_way_get_their_options_once()
    {
        var tooLarge = new InvalidOperationException("Raise ImageLoadOptions.MaxPixels or lower StylizeOptions.Size.");

        string once = FailureText.Of(tooLarge);

        Assert.Equal("Raise ImageLoadOptions.MaxPixels (--max-pixels) or lower StylizeOptions.Size (--size).", once);
        Assert.Equal(once, FailureText.Of(new InvalidOperationException(once)));
    }
}
