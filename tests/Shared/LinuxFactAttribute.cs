namespace NeuralStyle.Testing;

/// <summary>A fact about Linux only: reported as skipped elsewhere, never as a pass that checked nothing.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only.";
        }
    }
}
