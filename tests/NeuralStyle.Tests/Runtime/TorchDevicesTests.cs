using NeuralStyle.Runtime;
using TorchSharp;

namespace NeuralStyle.Tests.Runtime;

/// <summary>The one default device and the one reading of a device name, with the one message for a bad one.</summary>
public sealed class TorchDevicesTests
{
    [Fact]
    public void The_default_is_the_cpu()
    {
        Assert.Equal("cpu", TorchDevices.DefaultName);
        Assert.True(TorchDevices.TryParse(TorchDevices.DefaultName, out torch.Device? device, out string? problem));
        Assert.Equal(DeviceType.CPU, device.type);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData("CPU", DeviceType.CPU, -1)]
    [InlineData("cuda", DeviceType.CUDA, -1)]
    [InlineData("cuda:0", DeviceType.CUDA, 0)]
    [InlineData("cuda:3", DeviceType.CUDA, 3)]
    [InlineData(" Cuda:12 ", DeviceType.CUDA, 12)]
    [InlineData("mps", DeviceType.MPS, -1)]
    public void A_device_name_is_read_without_the_device_being_there(string name, DeviceType type, int index)
    {
        Assert.True(TorchDevices.TryParse(name, out torch.Device? device, out string? problem));
        Assert.Equal((type, index), (device.type, device.index));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData(":0")]
    [InlineData("cuda:99999999999")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda:1:2")]
    [InlineData("a:b:c")]
    [InlineData("cpu:3")]
    [InlineData("1")]
    [InlineData("meta")]
    [InlineData("mps:0")]
    public void A_bad_name_is_a_problem_that_says_what_to_use(string name)
    {
        Assert.False(TorchDevices.TryParse(name, out torch.Device? device, out string? problem));
        Assert.Null(device);
        Assert.Equal($"'{name}' is not a torch device: use cpu, cuda, cuda:N or mps.", problem);
    }

    [Fact]
    public void No_name_is_a_problem_too()
    {
        Assert.False(TorchDevices.TryParse(null, out torch.Device? device, out string? problem));
        Assert.Null(device);
        Assert.Equal("'' is not a torch device: use cpu, cuda, cuda:N or mps.", problem);
    }
}
