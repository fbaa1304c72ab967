namespace CivicHall.Occupancy.Live;

/// <summary>
/// A change as its server-sent event, formatted once by the feed and shared by every subscriber of
/// the hall: <see cref="Bytes"/> is the whole frame (<c>id</c>, <c>event: change</c>, <c>data</c>,
/// blank line) in UTF-8.
/// </summary>
public sealed record ChangeFrame(long Sequence, ReadOnlyMemory<byte> Bytes);
