namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// One hall's people as the load generator sends them: person n of the hall is <c>Key(n)</c>, admitted
/// (published) in order, and leaves in the same order once enough people after them were counted in.
/// The door queue is first in, first out, so the oldest person still there is inside, not queued.
/// </summary>
internal sealed class HallFlow(string hallId, string keyPrefix, int capacity, int queueTarget)
{
    public string HallId { get; } = hallId;

    public int Capacity { get; } = capacity;

    /// <summary>People kept at the hall: a full floor and <c>queueTarget</c> at the door.</summary>
    public int Population { get; } = capacity + queueTarget;

    public int QueueTarget { get; } = queueTarget;

    public Lock Gate { get; } = new();

    /// <summary>Admissions published (person numbers 0 … Published − 1).</summary>
    public int Published { get; set; }

    /// <summary>Admissions the database announced (admitted or queued).</summary>
    public int Counted { get; set; }

    /// <summary>Exits sent (person numbers 0 … ExitsStarted − 1).</summary>
    public int ExitsStarted { get; set; }

    /// <summary>Exits handed out to the exit workers and not yet sent.</summary>
    public int ExitsGranted { get; set; }

    /// <summary>Exits answered 200.</summary>
    public int ExitsOk { get; set; }

    /// <summary>All of <see cref="Population"/> counted once: the floor is full and the queue stands.</summary>
    public bool Primed { get; set; }

    /// <summary>The most the floor ever reported inside, minus its capacity then (≤ 0 unless overcrowded).</summary>
    public int WorstOverCapacity { get; set; } = int.MinValue;

    public long LastSequence { get; set; }

    public string Key(int person) => $"pk_{keyPrefix}_{person}";
}
