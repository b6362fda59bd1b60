using NeuralStyle.Features.Authoring;

namespace NeuralStyle.Tests.Features.Authoring;

public sealed class NativeResourceGuardTests
{
    [Fact]
    public void ReleaseWaitsForTheLastUseAndRunsOnce()
    {
        int released = 0;
        var guard = new NativeResourceGuard("Owner", () => released++);
        NativeResourceGuard.Use first = guard.Enter();
        NativeResourceGuard.Use second = guard.Enter();

        guard.Dispose();
        Assert.True(guard.IsDisposed);
        Assert.Equal(0, released);
        var error = Assert.Throws<ObjectDisposedException>(() => guard.Enter());
        Assert.Equal("Owner", error.ObjectName);

        first.Dispose();
        Assert.Equal(0, released);
        second.Dispose();
        Assert.Equal(1, released);
        guard.Dispose();
        Assert.Equal(1, released);
    }

    [Fact]
    public void DisposingAnUnusedGuardReleasesAtOnce()
    {
        int released = 0;
        var guard = new NativeResourceGuard("Owner", () => released++);
        using (guard.Enter())
        {
        }

        guard.Dispose();
        Assert.Equal(1, released);
    }
}
