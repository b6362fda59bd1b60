// MSBuild task (compiled by RoslynCodeTaskFactory, see NeuralStyle.LibTorchSharpFix.targets).
//
// TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and records a
// requirement on GLIBCXX_3.4.32 for a single symbol, std::ios_base_library_init, which <iostream>
// only references as a link anchor and never calls. Debian 12 and Ubuntu 22.04 ship an older
// libstdc++, so the dynamic loader refuses the library and every torch.* call fails with
// DllNotFoundException. Marking that one version requirement weak (VER_FLG_WEAK in its Vernaux
// entry) makes the loader accept the library. This task does exactly that, on build-output copies
// only, and only for the versions that the system's libstdc++ lacks.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionRequirements : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    /// <summary>The ELF files to patch in place (copies in an output folder, never the NuGet cache).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Symbol versions to mark weak when the system libstdc++ lacks them.</summary>
    [Required]
    public string[] Versions { get; set; } = Array.Empty<string>();

    /// <summary>Optional explicit path of the system libstdc++ to probe.</summary>
    public string? SystemLibrary { get; set; }

    public override bool Execute()
    {
        string? library = !string.IsNullOrEmpty(SystemLibrary) ? SystemLibrary : LibStdCxxCandidates.FirstOrDefault(File.Exists);
        if (library is null || !File.Exists(library))
        {
            Log.LogMessage(MessageImportance.Low, "NeuralStyle: no system libstdc++ found; libLibTorchSharp.so left unchanged.");
            return true;
        }

        byte[] system = File.ReadAllBytes(library);
        string[] missing = Versions.Where(v => IndexOf(system, Encoding.ASCII.GetBytes(v + "\0")) < 0).ToArray();
        if (missing.Length == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"NeuralStyle: {library} provides {string.Join(", ", Versions)}; nothing to patch.");
            return true;
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                byte[] bytes = File.ReadAllBytes(path);
                List<string> weakened = Weaken(bytes, missing);
                if (weakened.Count == 0)
                {
                    continue;
                }

                // Write a sibling and rename over: never a half-written library, and a hard link
                // into the NuGet cache (if the copy made one) is replaced rather than modified.
                string temporary = path + ".neuralstyle-tmp";
                File.WriteAllBytes(temporary, bytes);
                File.Replace(temporary, path, destinationBackupFileName: null);
                Log.LogMessage(MessageImportance.Normal,
                    $"NeuralStyle: marked {string.Join(", ", weakened)} weak in {path} (system libstdc++ lacks it).");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogWarning($"NeuralStyle: could not patch {path}: {exception.Message}. Set NeuralStyleFixLibTorchSharpGlibcxx=false to skip this step.");
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on each Vernaux entry naming one of <paramref name="versions"/>; returns those changed.</summary>
    private static List<string> Weaken(byte[] elf, IReadOnlyCollection<string> versions)
    {
        var changed = new List<string>();
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        }

        long sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < sectionCount; s++)
        {
            long header = sectionTable + (long)s * sectionSize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            long strings = (long)BitConverter.ToUInt64(elf, (int)(sectionTable + (long)link * sectionSize) + 0x18);

            long need = offset;
            while (true)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    string name = ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                    int flagsAt = (int)aux + 4;
                    ushort flags = BitConverter.ToUInt16(elf, flagsAt);
                    if (versions.Contains(name) && (flags & VerFlagWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, flagsAt);
                        changed.Add(name);
                    }

                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }

                uint next = BitConverter.ToUInt32(elf, (int)need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }
        }

        return changed;
    }

    private static string ReadString(byte[] bytes, long start)
    {
        long end = start;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
