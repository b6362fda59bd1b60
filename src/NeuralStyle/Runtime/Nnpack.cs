using System.Runtime.InteropServices;
using TorchSharp;

namespace NeuralStyle.Runtime;

/// <summary>
/// Turns libtorch's NNPACK off, once per process, before the first convolution the library runs.
/// </summary>
/// <remarks>
/// libtorch 2.10 asks NNPACK whether it can run every time it picks a CPU convolution's kernel, before
/// looking at the shapes; where NNPACK cannot start (a virtual machine that hides the CPU's cache
/// layout, say) each ask prints "Could not initialize NNPACK! Reason: Unsupported hardware." to
/// stderr: hundreds of lines per transfer. NNPACK never runs for the library's convolutions (it needs
/// a batch of 16, where oneDNN is always chosen first), so turning it off changes no result and no
/// speed. TorchSharp has no switch for it; libtorch's own (<c>at::Context::setUserEnabledNNPACK</c>)
/// is called directly. Linux only (other builds of libtorch have no NNPACK).
/// </remarks>
public static partial class Nnpack
{
    private const string Library = "libtorch_cpu";
    private static int _done;

    /// <summary>Turns NNPACK off (the first call does it; later calls return at once). Never throws: if the symbols are missing, NNPACK stays as it was.</summary>
    public static void Disable()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            SetUserEnabled(GlobalContext(), false);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another libtorch build: nothing to turn off.
        }
    }

    /// <summary>Whether libtorch would consult NNPACK (true until <see cref="Disable"/>).</summary>
    internal static bool IsEnabled() => UserEnabled(GlobalContext());

    [LibraryImport(Library, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport(Library, EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void SetUserEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport(Library, EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabled(IntPtr context);
}
