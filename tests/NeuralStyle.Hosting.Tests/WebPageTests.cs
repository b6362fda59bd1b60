using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Hosting.Tests;

/// <summary>
/// The sample's web page in a real browser (headless Chromium over a real Kestrel server): upload a
/// photo, pick a style and a method, watch the job page, see the result and download it.
/// </summary>
[Collection(ServiceFactory.Collection)]
public sealed class WebPageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-page-").FullName;

    private string Photo(int width, int height)
    {
        string path = Path.Combine(_folder, $"photo-{width}x{height}.png");
        using Image<Rgb24> image = TestImages.Photo(width, height);
        image.SaveAsPng(path);
        return path;
    }

    private static string Start(ServiceFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private static void Submit(IWebDriver driver, string address, string photo, string style, string method)
    {
        driver.Navigate().GoToUrl(address + "/");
        driver.FindElement(By.Id("photo")).SendKeys(photo);
        driver.FindElement(By.CssSelector($"#style option[value='{style}']")).Click();
        driver.FindElement(By.Id(method)).Click();
        driver.FindElement(By.Id("submit")).Click();
    }

    [Fact]
    public async Task A_photo_uploaded_on_the_page_is_stylised_shown_and_downloadable()
    {
        using var factory = new ServiceFactory();
        string address = Start(factory);
        using ChromeDriver driver = Browser.Start();
        Submit(driver, address, Photo(96, 64), "the-scream", "fast");

        IWebElement result = Browser.WaitFor(driver, "result", TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", driver.FindElement(By.Id("state")).Text);
        long shown = (long)driver.ExecuteScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", result)!;
        Assert.Equal(96, shown);
        string download = driver.FindElement(By.Id("download")).GetAttribute("href")!;
        using var client = new HttpClient();
        using Image<Rgb24> downloaded = Image.Load<Rgb24>(await client.GetByteArrayAsync(download));
        Assert.Equal((96, 64), (downloaded.Width, downloaded.Height));
        SaveScreenshot(driver);
    }

    [Fact]
    public void Paint_shows_its_progress_then_the_result()
    {
        using var factory = new ServiceFactory(("NeuralStyle:Paint:Evaluations", "40"), ("NeuralStyle:Paint:Size", "64"));
        string address = Start(factory);
        using ChromeDriver driver = Browser.Start();
        Submit(driver, address, Photo(96, 64), "starry-night", "paint");

        Assert.Contains("Painting starry-night", Browser.WaitFor(driver, "state", TimeSpan.FromSeconds(10)).FindElement(By.XPath("/html/body/main/h1")).Text, StringComparison.Ordinal);
        IWebElement result = Browser.WaitFor(driver, "result", TimeSpan.FromSeconds(120));
        long shown = (long)driver.ExecuteScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", result)!;
        Assert.Equal(64, shown);
    }

    [Fact]
    public void An_upload_that_is_not_an_image_is_refused_on_the_page_with_the_reason()
    {
        using var factory = new ServiceFactory();
        string address = Start(factory);
        string text = Path.Combine(_folder, "notes.png");
        File.WriteAllText(text, "not an image");
        using ChromeDriver driver = Browser.Start();
        Submit(driver, address, text, "shipwreck", "fast");

        string error = Browser.WaitFor(driver, "error", TimeSpan.FromSeconds(10)).Text;
        Assert.Contains("not an image this service reads", error, StringComparison.Ordinal);
        Assert.NotNull(driver.FindElement(By.Id("photo")));
    }

    /// <summary>Where NEURALSTYLE_SCREENSHOT points (the docs' picture of the page), a screenshot of the result.</summary>
    private static void SaveScreenshot(ChromeDriver driver)
    {
        if (Environment.GetEnvironmentVariable("NEURALSTYLE_SCREENSHOT") is { Length: > 0 } path)
        {
            driver.GetScreenshot().SaveAsFile(path);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
