using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CivicHall.Contracts.Tracing.V1;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;
using static CivicHall.Incident.Tracing.Exports.ClearExportEndpoints;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>
/// The one download of an approved clear export: taken by a conditional UPDATE first (two at once: one file), then the
/// owners decrypt; a source that does not answer gives the download back (503 <c>source_unavailable</c>).
/// </summary>
public static class ClearExportDownload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid incidentId, Guid tracingId, Guid exportId, [AllowedValues("csv", "json")] string? format, [AsParameters] ClearExportServices services, PersonalDataProtector personalData,
        CancellationToken cancellationToken)
    {
        format ??= "csv";
        if (format is not ("csv" or "json"))
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["format"] = ["`csv` or `json`."] });
        }

        var (export, problem) = await FindAsync(services.Db, incidentId, tracingId, exportId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (by, now) = (services.User.Subject(), services.TimeProvider.GetUtcNow());
        if (by != export!.RequestedBy && by != export.DecidedBy)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, IncidentProblems.ExportNotYours, new Bilingual("仅导出的申请人或审批人可以下载。", "Only the requester or the approver of the export downloads it."));
        }

        if (Refusal(export, now) is { } refused)
        {
            return refused;
        }

        if (!await ClearExportStore.TryTakeDownloadAsync(services.Db, exportId, by, format, now, cancellationToken))
        {
            var latest = await ClearExportStore.FindAsync(services.Db, incidentId, tracingId, exportId, cancellationToken);
            return Refusal(latest!, now) ?? Gone(IncidentProblems.ExportAlreadyDownloaded, exportId);
        }

        List<ClearExportPerson> people;
        try
        {
            people = await PeopleAsync(services, export, personalData, cancellationToken);
        }
        catch (SourceUnavailableException e)
        {
            await ClearExportStore.ReleaseDownloadAsync(services.Db, exportId, now, CancellationToken.None);
            return Problem.Of(
                StatusCodes.Status503ServiceUnavailable, IncidentProblems.SourceUnavailable, new Bilingual(
                    $"{e.SourceService} 服务未响应；本次下载机会未被占用，请重试。",
                    $"The {e.SourceService} service did not answer; the download is not used up: try again."),
                new Dictionary<string, object?> { ["source"] = e.SourceService });
        }

        await ClearExportStore.RecordPeopleAsync(services.Db, exportId, people.Count, cancellationToken);
        services.Http.Response.Headers.CacheControl = "no-store";
        var name = $"tracing-{tracingId}-{exportId}";
        return format == "json"
            ? TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(new ClearExportFile(exportId, incidentId, tracingId, export.HallId, now, people), Json), "application/json", name + ".json")
            : TypedResults.File(Csv(people), "text/csv; charset=utf-8", name + ".csv");
    }

    private static ProblemHttpResult? Refusal(ClearExport export, DateTimeOffset now) =>
        export.DownloadedAt is not null ? Gone(IncidentProblems.ExportAlreadyDownloaded, export.ExportId)
        : export.State != ClearExportState.Approved
            ? Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.ExportNotApproved, new Bilingual(
                $"明文导出“{export.ExportId}”当前为 {EnumText.Of(export.State)}：仅已批准的导出可以下载。",
                $"Clear export '{export.ExportId}' is {EnumText.Of(export.State)}: only an approved export is downloaded."))
        : export.ExpiresAt <= now ? Gone(IncidentProblems.ExportExpired, export.ExportId)
        : null;

    private static ProblemHttpResult Gone(string code, Guid exportId) =>
        Problem.Of(StatusCodes.Status410Gone, code, code == IncidentProblems.ExportExpired
            ? new Bilingual($"明文导出“{exportId}”未在有效期内下载：请重新申请。", $"Clear export '{exportId}' was not downloaded in time: request it again.")
            : new Bilingual($"明文导出“{exportId}”已被下载：经批准的导出只提供一次。", $"Clear export '{exportId}' was downloaded already: an approved export is handed over once."));

    private static async Task<List<ClearExportPerson>> PeopleAsync(
        ClearExportServices services, ClearExport export, PersonalDataProtector personalData, CancellationToken cancellationToken)
    {
        var run = (await TracingStore.FindAsync(services.Db, export.IncidentId, export.TracingId, cancellationToken))!;
        var incident = await services.Db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == export.IncidentId, cancellationToken);
        var listed = new List<(string Key, string Category, string Kind)>();
        if (incident.PersonKey is { } casePerson)
        {
            listed.Add((casePerson, "case", incident.PersonKind ?? "visitor"));
        }

        foreach (var (category, contacts) in new[]
        {
            ("close_contact", run.Contacts.CloseContacts), ("same_hall", run.Contacts.SameHallContacts), ("entrance", run.Contacts.EntranceContacts),
            ("staff", run.Contacts.Staff), ("booked_not_seen", run.Contacts.BookedNotSeen),
        })
        {
            listed.AddRange(contacts.Where(c => listed.All(l => l.Key != c.PersonKey)).Select(c => (c.PersonKey, category, c.Kind)));
        }

        var caller = AuthenticationHeaderValue.TryParse(services.Http.Request.Headers.Authorization, out var header) ? header : null;
        ClearIdentityQuery Query(IEnumerable<string> keys) =>
            new([.. keys], export.TracingId.ToString(), export.Reason, export.RequestedBy, export.DecidedBy!);
        var found = (await services.Sources.AskAsync(ClearIdentitySources.Screening, export.HallId, Query(listed.Select(l => l.Key)), caller, cancellationToken))
            .ToDictionary(p => p.PersonKey, p => (Identity: p, Source: ClearIdentitySources.Screening), StringComparer.Ordinal);
        foreach (var person in await services.Sources.AskAsync(
            ClearIdentitySources.Booking, export.HallId, Query(listed.Select(l => l.Key).Where(k => !found.ContainsKey(k))), caller, cancellationToken))
        {
            found[person.PersonKey] = (person, ClearIdentitySources.Booking);
        }

        if (incident.PersonKey is { } own && !found.ContainsKey(own) && incident.IdNumberEncrypted is { } copy)
        {
            found[own] = (new ClearIdentity(own, personalData.Decrypt(copy), string.Empty, null), "incident");
        }

        return [.. listed.Select(l => found.TryGetValue(l.Key, out var f)
            ? new ClearExportPerson(l.Key, l.Category, l.Kind, f.Identity.IdNumber, f.Identity.Name, f.Identity.Phone, f.Source)
            : new ClearExportPerson(l.Key, l.Category, l.Kind, null, null, null, "none"))];
    }

    private static byte[] Csv(IEnumerable<ClearExportPerson> people)
    {
        var csv = new StringBuilder("personKey,category,kind,idNumber,name,phone,source\r\n");
        foreach (var p in people)
        {
            csv.AppendJoin(',', new[] { p.PersonKey, p.Category, p.Kind, p.IdNumber, p.Name, p.Phone, p.Source }.Select(Field)).Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    // Quoted when needed; a leading = + - @ is escaped so that a spreadsheet does not run it.
    private static string Field(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
