using System.Net;

namespace CivicHall.Gateway.Forwarding;

/// <summary>
/// The body YARP copies, with its headers, written through a stream that ignores flushes: the head and
/// the body stay in HttpClient's buffer until HttpClient itself sends the complete request
/// (<see cref="OneWriteRequestHandler"/>). The wrapped content is still the one that is copied, so YARP
/// sees its copy start, end or fail as before.
/// </summary>
internal sealed class OneWriteContent : HttpContent
{
    private readonly HttpContent _body;

    public OneWriteContent(HttpContent body)
    {
        _body = body;
        foreach (var header in body.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => _body.CopyToAsync(new UnflushedStream(stream), context);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        => _body.CopyToAsync(new UnflushedStream(stream), context, cancellationToken);

    // The length is the Content-Length header copied above.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Writes go through to HttpClient's request stream; flushes do nothing.</summary>
    private sealed class UnflushedStream(Stream request) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => request.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => request.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => request.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            => request.WriteAsync(buffer, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
