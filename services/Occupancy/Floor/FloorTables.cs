namespace CivicHall.Occupancy.Floor;

/// <summary>The floor's tables on <see cref="OccupancyDbContext"/>.</summary>
public static class FloorTables
{
    extension(OccupancyDbContext db)
    {
        public DbSet<HallOccupancy> HallOccupancies => db.Set<HallOccupancy>();

        public DbSet<OccupancyZone> Zones => db.Set<OccupancyZone>();

        public DbSet<Admission> Admissions => db.Set<Admission>();

        public DbSet<ZonePresence> ZonePresences => db.Set<ZonePresence>();
    }
}
