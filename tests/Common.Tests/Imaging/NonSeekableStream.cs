namespace FedAvg.Common.Tests.Imaging;

/// <summary>Like a request body: no Length, no Seek, optionally endless.</summary>
internal sealed class NonSeekableStream(byte[] content, bool endless = false) : Stream
{
    private long _position;

    public long BytesServed => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = 0;
        while (count < buffer.Length && (endless || _position < content.Length))
        {
            buffer[count++] = content[(int)(_position++ % content.Length)];
        }

        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
