using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Messaging;

public static class ModelBuilderExtensions
{
    /// <summary>Maps the <c>outbox_messages</c> and <c>inbox_messages</c> tables into a service's model.</summary>
    public static ModelBuilder MapOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(256);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.PublishedAt).HasColumnName("published_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            // Only pending rows are ever scanned by the relay: keep that index small.
            outbox.HasIndex(m => m.Sequence).HasDatabaseName("ix_outbox_messages_pending").HasFilter("published_at IS NULL");
            outbox.HasIndex(m => m.PublishedAt).HasDatabaseName("ix_outbox_messages_published_at").HasFilter("published_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(256);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            inbox.HasIndex(m => m.ProcessedAt).HasDatabaseName("ix_inbox_messages_processed_at");
        });

        return modelBuilder;
    }
}
