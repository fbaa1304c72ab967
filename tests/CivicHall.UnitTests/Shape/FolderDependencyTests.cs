namespace CivicHall.UnitTests.Shape;

/// <summary>No service's feature folders import each other in a circle (issue 17).</summary>
public sealed class FolderDependencyTests
{
    public static TheoryData<string> Services { get; } = ["Booking", "Screening", "Occupancy", "Sanitation", "Incident"];

    [Theory]
    [MemberData(nameof(Services))]
    public void A_services_feature_folders_depend_on_each_other_without_a_cycle(string service)
    {
        var root = Path.Combine(RepositoryRoot(), "services", service);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (Path.GetRelativePath(root, path), File.ReadAllText(path)))
            .ToList();
        Assert.NotEmpty(files);

        var edges = FolderDependencies.Edges(service, files);
        var cycle = FolderDependencies.FindCycle(edges.Keys);

        Assert.True(cycle is null, cycle is null ? null : Describe(cycle, edges));
    }

    [Fact]
    public void A_cycle_through_three_folders_is_found_and_named_with_the_files_that_make_it()
    {
        var files = new[]
        {
            ("Slots/Slot.cs", "using CivicHall.Booking.Bookings;\nnamespace CivicHall.Booking.Slots;"),
            ("Bookings/Booking.cs", "namespace CivicHall.Booking.Bookings; class B { CivicHall.Booking.Items.Item? I; }"),
            ("Items/Item.cs", "using CivicHall.Booking.Slots;\nnamespace CivicHall.Booking.Items;"),
            ("Data/BookingDbContext.cs", "using CivicHall.Booking.Slots; using CivicHall.Booking.Bookings;"),
            ("Policies/Policy.cs", "// see CivicHall.Booking.Slots\nnamespace CivicHall.Booking.Policies;"),
        };

        var edges = FolderDependencies.Edges("Booking", files);

        Assert.Equal(["Bookings", "Items", "Slots", "Bookings"], FolderDependencies.FindCycle(edges.Keys));
        Assert.Equal(["Bookings/Booking.cs"], edges[("Bookings", "Items")]);
        Assert.DoesNotContain(edges.Keys, e => e.From is "Data" or "Policies");
    }

    [Fact]
    public void Folders_that_depend_one_way_have_no_cycle()
    {
        var files = new[]
        {
            ("Bookings/Booking.cs", "using CivicHall.Booking.Slots;"),
            ("Slots/Slot.cs", "using CivicHall.Booking.Policies;"),
            ("Bookings/BookingStore.cs", "using CivicHall.Booking.Policies;"),
            ("Policies/Policy.cs", "namespace CivicHall.Booking.Policies;"),
        };

        Assert.Null(FolderDependencies.FindCycle(FolderDependencies.Edges("Booking", files).Keys));
    }

    private static string Describe(IReadOnlyList<string> cycle, IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> edges) =>
        "folders import each other in a circle: " + string.Join(" → ", cycle) + "; "
        + string.Join("; ", cycle.Zip(cycle.Skip(1)).Select(e => $"{e.First} → {e.Second} in {string.Join(", ", edges[e])}"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CivicHall.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CivicHall.slnx above {AppContext.BaseDirectory}.");
    }
}
