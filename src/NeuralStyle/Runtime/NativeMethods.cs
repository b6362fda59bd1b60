using System.Runtime.InteropServices;

namespace NeuralStyle.Runtime;

/// <summary>The few native calls the allocator tuning needs: libc's <c>setenv</c> and TorchSharp's storage pointer.</summary>
internal static partial class NativeMethods
{
    /// <summary>
    /// Sets a variable in the native environment, which libtorch reads (.NET's
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes the managed copy on Unix).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnvironment(string name, string value, int overwrite);

    /// <summary>The first byte of a tensor's storage.</summary>
    [LibraryImport("LibTorchSharp", EntryPoint = "THSStorage_data_ptr")]
    internal static partial IntPtr StorageData(IntPtr tensor);
}
