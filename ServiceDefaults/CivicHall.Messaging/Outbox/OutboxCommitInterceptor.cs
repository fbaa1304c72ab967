using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CivicHall.Messaging.Outbox;

/// <summary>
/// Pulses <see cref="OutboxSignal"/> once outbox rows are durable: right after SaveChanges when it ran
/// in its own transaction, or after the explicit transaction around it committed. Never before the
/// commit, so the relay cannot miss a row that is not yet visible and then sleep on it.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _contextsWithNewRows = [];
    private readonly ConditionalWeakTable<DbTransaction, object> _transactionsWithNewRows = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_transactionsWithNewRows.Remove(transaction))
        {
            signal.Pulse();
        }
    }

    public Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>
    /// For outbox rows written by plain SQL (a store's or a database function's INSERT) through
    /// <paramref name="context"/>'s connection: the relay is woken when the transaction under way
    /// commits, or at once when there is none.
    /// </summary>
    public void RowsWrittenBySql(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Database.CurrentTransaction is { } transaction)
        {
            _transactionsWithNewRows.AddOrUpdate(transaction.GetDbTransaction(), transaction);
        }
        else
        {
            signal.Pulse();
        }
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _contextsWithNewRows.AddOrUpdate(context, context);
        }
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !_contextsWithNewRows.Remove(context))
        {
            return;
        }

        if (context.Database.CurrentTransaction is { } transaction)
        {
            _transactionsWithNewRows.AddOrUpdate(transaction.GetDbTransaction(), transaction);
        }
        else
        {
            signal.Pulse();
        }
    }
}
