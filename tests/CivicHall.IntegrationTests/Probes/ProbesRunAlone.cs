namespace CivicHall.IntegrationTests.Probes;

/// <summary>
/// The probes run on their own, not beside other test classes: the sweep keeps 8 requests in flight
/// with bodies up to 1 MiB, which on a 2-core machine would slow the classes that measure timing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProbesRunAlone
{
    public const string Name = "Probes";
}
