using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace NeuralStyle.Hosting.Tests;

/// <summary>
/// Headless Chromium driven through chromedriver: Debian's <c>chromium</c> and <c>chromium-driver</c>
/// packages, which <c>.ci/run</c> installs (nothing is downloaded: Selenium Manager is never asked).
/// </summary>
internal static class Browser
{
    private const string Chromium = "/usr/bin/chromium";
    private const string DriverFolder = "/usr/bin";
    private const string Driver = "chromedriver";

    /// <summary>A new headless browser window of 1200x1000 px.</summary>
    /// <exception cref="InvalidOperationException">Chromium or its driver is not installed (the message says how to install them).</exception>
    public static ChromeDriver Start()
    {
        if (!File.Exists(Chromium) || !File.Exists(Path.Combine(DriverFolder, Driver)))
        {
            throw new InvalidOperationException(
                $"The browser test needs {Chromium} and {DriverFolder}/{Driver}: install Debian's chromium and chromium-driver (sudo apt-get install chromium chromium-driver), as .ci/run does.");
        }

        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,1000");
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(DriverFolder, Driver);
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>The element with <paramref name="id"/> once the page shows it (the job page refreshes itself), or a timeout naming what the page said.</summary>
    public static IWebElement WaitFor(IWebDriver driver, string id, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            try
            {
                return driver.FindElement(By.Id(id));
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException)
            {
                Thread.Sleep(200);
            }
        }

        throw new TimeoutException($"#{id} did not appear within {timeout.TotalSeconds} s; the page says: {driver.FindElement(By.TagName("main")).Text}");
    }
}
