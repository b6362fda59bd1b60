namespace NeuralStyle.IO;

/// <summary>The one way an untrusted stream is read into memory: never more than a limit is buffered.</summary>
public static class BoundedRead
{
    /// <summary>
    /// Every byte of <paramref name="stream"/> from its position, in a memory stream at position 0 (the
    /// caller disposes it), or null when it has more than <paramref name="maxBytes"/> (reading stops there).
    /// </summary>
    public static MemoryStream? ReadAll(Stream stream, long maxBytes)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                buffer.Dispose();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }
}
