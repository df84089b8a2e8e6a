namespace FedAvg.Common.Tests.Fixtures;

/// <summary>
/// Reads like a network body: forward only, no Length, short reads of at most
/// <paramref name="maxRead"/> bytes; optionally endless (the content repeats), or failing as a dropped
/// connection does once <paramref name="breakAfter"/> bytes are served.
/// </summary>
public sealed class ForwardOnlyStream(byte[] content, int maxRead = int.MaxValue, bool endless = false, long? breakAfter = null) : Stream
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
        if (_position >= breakAfter)
        {
            throw new IOException("Connection reset by peer");
        }

        long end = breakAfter ?? long.MaxValue;
        int count = 0;
        while (count < buffer.Length && count < maxRead && _position < end && (endless || _position < content.Length))
        {
            buffer[count++] = content[(int)(_position++ % content.Length)];
        }

        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
