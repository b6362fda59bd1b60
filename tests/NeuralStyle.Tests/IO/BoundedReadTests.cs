using NeuralStyle.IO;
using NeuralStyle.Testing;

namespace NeuralStyle.Tests.IO;

/// <summary>The one bounded reader of untrusted streams: everything up to the limit, from the stream's position, and nothing past it.</summary>
public sealed class BoundedReadTests
{
    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 10)]
    [InlineData(100, 100)]
    [InlineData(100, 1000)]
    [InlineData(200_000, 200_000)]
    public void A_stream_up_to_the_limit_is_read_whole_at_position_zero(int length, int limit)
    {
        byte[] bytes = Bytes(length);
        using var stream = new MemoryStream(bytes);

        using MemoryStream? read = BoundedRead.ReadAll(stream, limit);

        Assert.NotNull(read);
        Assert.Equal(0, read.Position);
        Assert.Equal(bytes, read.ToArray());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(101, 100)]
    [InlineData(200_001, 200_000)]
    public void A_stream_one_byte_over_the_limit_is_refused(int length, int limit)
    {
        using var stream = new MemoryStream(Bytes(length));
        Assert.Null(BoundedRead.ReadAll(stream, limit));
    }

    [Fact]
    public void Reading_starts_at_the_streams_position()
    {
        byte[] bytes = Bytes(50);
        using var stream = new MemoryStream(bytes) { Position = 20 };

        using MemoryStream? read = BoundedRead.ReadAll(stream, 30);

        Assert.NotNull(read);
        Assert.Equal(bytes[20..], read.ToArray());
    }

    [Fact]
    public void Short_reads_are_gathered_and_counted_against_the_limit()
    {
        byte[] bytes = Bytes(300);
        using (var trickle = new TrickleStream(bytes, 7))
        {
            using MemoryStream? read = BoundedRead.ReadAll(trickle, 300);
            Assert.NotNull(read);
            Assert.Equal(bytes, read.ToArray());
            Assert.Equal(0, read.Position);
        }

        using var over = new TrickleStream(bytes, 7);
        Assert.Null(BoundedRead.ReadAll(over, 299));
    }

    [Fact]
    public void An_endless_stream_is_read_no_further_than_one_chunk_past_the_limit()
    {
        const long limit = 200_000;
        using var endless = new EndlessStream();

        Assert.Null(BoundedRead.ReadAll(endless, limit));
        Assert.True(endless.Consumed > limit);
        Assert.True(endless.Consumed <= limit + 81920, $"{endless.Consumed} bytes were read for a limit of {limit}");
    }

    /// <summary>A stream that gives at most a few bytes a read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : ForwardOnlyStream
    {
        private int _position;

        protected override int ReadSome(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, most), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>A stream that never ends (it fails past 16 MiB, so a reader that ignores its limit fails rather than hangs), counting what was read.</summary>
    private sealed class EndlessStream : ForwardOnlyStream
    {
        public long Consumed { get; private set; }

        protected override int ReadSome(Span<byte> buffer)
        {
            if (Consumed > 16L << 20)
            {
                throw new InvalidOperationException("read past any limit");
            }

            buffer.Fill(0x5A);
            Consumed += buffer.Length;
            return buffer.Length;
        }
    }
}
