namespace NeuralStyle.Testing;

/// <summary>
/// A read-only stream that cannot seek or tell its length, as a pipe or a network stream: the tests' one
/// base for streams that give their bytes by <see cref="ReadSome"/> alone.
/// </summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>A stream that reads <paramref name="inner"/> without letting its reader seek it.</summary>
    public static ForwardOnlyStream Over(Stream inner) => new Wrapped(inner);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadSome(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => ReadSome(buffer);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Fills the start of <paramref name="buffer"/> with the next bytes; 0 at the end.</summary>
    protected abstract int ReadSome(Span<byte> buffer);

    private sealed class Wrapped(Stream inner) : ForwardOnlyStream
    {
        protected override int ReadSome(Span<byte> buffer) => inner.Read(buffer);
    }
}
