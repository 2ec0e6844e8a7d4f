package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code notification} table: the outbox of "clip ready" messages to the webhook
 * receivers, claimed by one instance at a time ({@link OutboxClaims}). Used by the
 * notifier, and by retention to forget old messages.
 */
public class NotificationOutbox {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final OutboxClaims claims;

	NotificationOutbox(IndexDb db) {
		this.jdbc = db.jdbc();
		this.writes = db.writes();
		this.claims = new OutboxClaims(db);
	}

	/** A "clip ready" message waiting to be sent. */
	public record PendingNotification(long id, String url, Long clipId, String payload, int attempts,
			Instant createdAt) {
	}

	/** Queues a message for one receiver. */
	public void enqueueNotification(String url, Long clipId, String payload, Instant at) {
		this.writes.update(this.jdbc.sql("""
				INSERT INTO notification (url, clip_id, payload, state, attempts, next_attempt_at, created_at)
				VALUES (:url, :clipId, :payload, 'pending', 0, :at, :at)""")
			.param("url", url)
			.param("clipId", clipId)
			.param("payload", payload)
			.param("at", Timestamps.format(at)));
	}

	/**
	 * Messages due at {@code now}, oldest first, each only when no older one to the same
	 * receiver is still pending (they arrive in order); one whose clip still waits for
	 * its upload waits too, so its link works. Claims nothing: this is what
	 * {@link #claimNotifications} takes when nobody holds them.
	 */
	public List<PendingNotification> dueNotifications(Instant now, int limit) {
		return this.jdbc
			.sql("SELECT n.id FROM notification n WHERE " + DUE_NOTIFICATION + " ORDER BY n.id LIMIT :limit")
			.param("now", Timestamps.format(now))
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.map(this::pendingNotification)
			.toList();
	}

	/**
	 * Due at {@code :now}; no older message to the same receiver still pending, claimed
	 * or not, by any instance (so they arrive in order); and its clip, if any, not
	 * waiting for its upload.
	 */
	private static final String DUE_NOTIFICATION = """
			n.state = 'pending' AND n.next_attempt_at <= :now
			AND NOT EXISTS (SELECT 1 FROM upload u WHERE u.clip_id = n.clip_id AND u.state = 'pending')
			AND NOT EXISTS (SELECT 1 FROM notification e WHERE e.url = n.url AND e.state = 'pending'
			    AND e.id < n.id)""";

	/**
	 * Claims up to {@code limit} messages due at {@code now} (those
	 * {@link #dueNotifications} lists) for {@code lease}, so that of several instances
	 * one sends each; returns them, oldest first. As {@link UploadOutbox#claimUploads}: a
	 * message another instance holds is skipped until its lease runs out, and ending it
	 * lets go of the claim.
	 */
	public List<PendingNotification> claimNotifications(Instant now, Duration lease, int limit) {
		return claimNotifications(now, lease, limit, true);
	}

	/**
	 * Like {@link #claimNotifications(Instant, Duration, int)}; without {@code takeOver}
	 * only unclaimed messages, none whose claim ran out: right after an outage the
	 * instance that sent one may still have to write that it did.
	 */
	public List<PendingNotification> claimNotifications(Instant now, Duration lease, int limit, boolean takeOver) {
		String claimable = takeOver ? this.claims.claimable("n") : "n.claimed_by IS NULL";
		return this.claims
			.claim("notification",
					"SELECT n.id FROM notification n WHERE " + DUE_NOTIFICATION + " AND " + claimable
							+ " ORDER BY n.id LIMIT :limit",
					now, lease, limit)
			.stream()
			.map(this::pendingNotification)
			.toList();
	}

	private PendingNotification pendingNotification(long id) {
		return this.jdbc.sql("SELECT id, url, clip_id, payload, attempts, created_at FROM notification WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> new PendingNotification(rs.getLong("id"), rs.getString("url"),
					(rs.getObject("clip_id") != null) ? rs.getLong("clip_id") : null, rs.getString("payload"),
					rs.getInt("attempts"), Timestamps.parse(rs.getString("created_at"))))
			.single();
	}

	/** A message the receiver took, or gave up on ({@code error} says why). */
	public void notificationEnded(long id, boolean sent, String error, Instant at) {
		this.writes.update(this.jdbc.sql("""
				UPDATE notification SET state = :state, sent_at = :at, last_error = :error, claimed_by = NULL,
				    lease_until = NULL
				WHERE id = :id""")
			.param("state", sent ? "sent" : "abandoned")
			.param("at", Timestamps.format(at))
			.param("error", error)
			.param("id", id));
	}

	/** A failed attempt: tried again at {@code next}. */
	public void notificationFailed(long id, String error, Instant next) {
		this.claims.attemptFailed("notification", id, error, next);
	}

	/** Deletes "clip ready" messages sent or given up before {@code before}. */
	public int forgetNotifications(Instant before) {
		return this.writes.update(this.jdbc.sql("""
				DELETE FROM notification WHERE state <> 'pending' AND created_at < :before""")
			.param("before", Timestamps.format(before)));
	}

}
