using System.Runtime.InteropServices;

namespace NeuralStyle.Runtime;

/// <summary>The few native calls the library needs: libc's <c>setenv</c>, <c>realpath</c> and <c>free</c>, and TorchSharp's storage pointer.</summary>
internal static partial class NativeMethods
{
    /// <summary>
    /// Sets a variable in the native environment, which libtorch reads (.NET's
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes the managed copy on Unix).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnvironment(string name, string value, int overwrite);

    /// <summary>libc's <c>realpath</c>: the path with every link resolved, allocated with <c>malloc</c> (free it with <see cref="Free"/>), or zero.</summary>
    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr RealPath(string path, IntPtr resolved);

    /// <summary>libc's <c>free</c>.</summary>
    [LibraryImport("libc", EntryPoint = "free")]
    internal static partial void Free(IntPtr pointer);

    /// <summary>The first byte of a tensor's storage.</summary>
    [LibraryImport("LibTorchSharp", EntryPoint = "THSStorage_data_ptr")]
    internal static partial IntPtr StorageData(IntPtr tensor);
}
