namespace NeuralStyle.FastStyle.Training;

/// <summary>Images per second over the last few steps (a sliding window, so the estimate follows the current pace).</summary>
internal sealed class ThroughputMeter
{
    private const int Window = 20;
    private readonly Queue<(int Images, TimeSpan At)> _steps = new();
    private TimeSpan _last;

    /// <summary>Records a step of <paramref name="images"/> ending at <paramref name="now"/>; returns the rate over the window.</summary>
    public double Add(int images, TimeSpan now)
    {
        _steps.Enqueue((images, now - _last));
        _last = now;
        if (_steps.Count > Window)
        {
            _steps.Dequeue();
        }

        double seconds = _steps.Sum(s => s.At.TotalSeconds);
        return seconds > 0 ? _steps.Sum(s => s.Images) / seconds : 0;
    }
}
