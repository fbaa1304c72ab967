using System.Security.Cryptography;
using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Sanitation.Supplies;

/// <summary>The shape of the supplies requests (400 <c>validation_failed</c> naming the field) and the fingerprints for idempotency.</summary>
public static class SupplyValidation
{
    public const int MaxCount = 1_000_000;

    public static Dictionary<string, string[]> Validate(PutSupplyItemRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["An item is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["Required: 1–100 characters (口罩, 84消毒液 …)."];
        }

        if (string.IsNullOrWhiteSpace(request.Unit) || request.Unit.Length > 16)
        {
            errors["unit"] = ["Required: 1–16 characters (只, 副, 瓶, 盒 …)."];
        }

        if (request.LowThreshold is not { } low || low < 0 || low > MaxCount)
        {
            errors["lowThreshold"] = [$"Required: 0–{MaxCount}, the stock at or below which the item is low."];
        }

        if (request.CoverDaysThreshold is < 0 or > 365)
        {
            errors["coverDaysThreshold"] = ["0–365 days (0 or left out: not checked)."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(PostSupplyReceiptRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A receipt is required."];
            return errors;
        }

        if (request.ReceiptId is not { } id || id == Guid.Empty)
        {
            errors["receiptId"] = ["Required: a non-empty UUID chosen by the client."];
        }

        CheckCount(request.Count, errors);
        if (request.Supplier is { Length: > 200 } || (request.Supplier is not null && string.IsNullOrWhiteSpace(request.Supplier)))
        {
            errors["supplier"] = ["1–200 characters, or left out."];
        }

        if (request.Batch is { Length: > 100 } || (request.Batch is not null && string.IsNullOrWhiteSpace(request.Batch)))
        {
            errors["batch"] = ["1–100 characters, or left out."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(PostSupplyIssueRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["An issue is required."];
            return errors;
        }

        if (request.IssueId is not { } id || id == Guid.Empty)
        {
            errors["issueId"] = ["Required: a non-empty UUID chosen by the client."];
        }

        CheckCount(request.Count, errors);
        if (!Identifier.IsValid(request.StaffId))
        {
            errors["staffId"] = ["Required: the staff member's id (1–64 letters, digits, '.', '_', '-')."];
        }

        return errors;
    }

    public static string Fingerprint(string hallId, string itemId, PostSupplyReceiptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(hallId, itemId, "receipt", request.ReceiptId, request.Count, request.Supplier ?? "-", request.Batch ?? "-");
    }

    public static string Fingerprint(string hallId, string itemId, PostSupplyIssueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(hallId, itemId, "issue", request.IssueId, request.Count, request.StaffId);
    }

    private static void CheckCount(int? count, Dictionary<string, string[]> errors)
    {
        if (count is not { } n || n < 1 || n > MaxCount)
        {
            errors["count"] = [$"Required: 1–{MaxCount}."];
        }
    }

    private static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
}
