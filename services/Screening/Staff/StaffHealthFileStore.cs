using Npgsql;

namespace CivicHall.Screening.Staff;

/// <summary>The queries and writes of staff health files.</summary>
public sealed class StaffHealthFileStore(ScreeningDbContext db)
{
    /// <summary>The file to show, untracked.</summary>
    public Task<StaffHealthFile?> ReadAsync(string staffId, CancellationToken cancellationToken) =>
        db.StaffHealthFiles.AsNoTracking().FirstOrDefaultAsync(f => f.StaffId == staffId, cancellationToken);

    /// <summary>The file to change; saved by <see cref="SaveAsync"/>.</summary>
    public Task<StaffHealthFile?> FindAsync(string staffId, CancellationToken cancellationToken) =>
        db.StaffHealthFiles.FirstOrDefaultAsync(f => f.StaffId == staffId, cancellationToken);

    /// <summary>The file of the person with <paramref name="personKey"/>, untracked; a staff reading is matched to it.</summary>
    public Task<StaffHealthFile?> ReadByPersonAsync(string personKey, CancellationToken cancellationToken) =>
        db.StaffHealthFiles.AsNoTracking().FirstOrDefaultAsync(f => f.PersonKey == personKey, cancellationToken);

    public Task<bool> HallKnownAsync(string hallId, CancellationToken cancellationToken) =>
        db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken);

    /// <summary>Whether the person has a file under another staff id (one person, one file).</summary>
    public Task<bool> FiledUnderAnotherAsync(string personKey, string staffId, CancellationToken cancellationToken) =>
        db.StaffHealthFiles.AnyAsync(f => f.PersonKey == personKey && f.StaffId != staffId, cancellationToken);

    /// <summary>A file for <paramref name="staffId"/>, not yet bound to anyone; <see cref="StaffHealthFile.Replace"/> binds it.</summary>
    public StaffHealthFile Open(string staffId, string hallId)
    {
        var file = new StaffHealthFile
        {
            StaffId = staffId,
            HallId = hallId,
            PersonKey = string.Empty,
            IdNumberEncrypted = string.Empty,
            IdNumberMasked = string.Empty,
            NameEncrypted = string.Empty,
            NameMasked = string.Empty,
        };
        db.StaffHealthFiles.Add(file);
        return file;
    }

    /// <summary>Saves the changed files; a concurrent writer of the same file is not an error here but an answer.</summary>
    public async Task<StaffHealthFileSave> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StaffHealthFileSave.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaffHealthFileSave.ChangedConcurrently;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return StaffHealthFileSave.CreatedConcurrently;
        }
    }
}
