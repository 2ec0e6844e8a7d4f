package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.videostore.clips.IndexDb.CLIP_HERE;

/**
 * The {@code upload} table: the outbox of clips to upload to the bucket, claimed by one
 * instance at a time ({@link OutboxClaims}). Used by the uploader, the clip reader (for a
 * clip's object key) and the "clip ready" notifier.
 */
public class UploadOutbox {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final String instanceId;

	private final OutboxClaims claims;

	UploadOutbox(IndexDb db) {
		this.jdbc = db.jdbc();
		this.writes = db.writes();
		this.instanceId = db.instanceId();
		this.claims = new OutboxClaims(db);
	}

	/**
	 * Adds a clip to the upload outbox, due now; a clip already in it is left as it is.
	 * The unique index on {@code clip_id} decides, so two writers at once (PostgreSQL
	 * takes them) still add it once and neither fails.
	 */
	public void enqueueUpload(long clipId, String objectKey, Instant at) {
		this.writes.update(this.jdbc.sql("""
				INSERT INTO upload (clip_id, object_key, state, attempts, next_attempt_at, created_at)
				VALUES (:clipId, :key, 'pending', 0, :at, :at)
				ON CONFLICT (clip_id) DO NOTHING""")
			.param("clipId", clipId)
			.param("key", objectKey)
			.param("at", Timestamps.format(at)));
	}

	/**
	 * Pending uploads due at {@code now}, oldest first, without claiming them: what
	 * {@link #claimUploads} takes when nobody holds them.
	 */
	public List<PendingUpload> dueUploads(Instant now, int limit) {
		return this.jdbc.sql("SELECT u.id FROM upload u WHERE " + DUE_UPLOAD + " ORDER BY u.id LIMIT :limit")
			.param("me", this.instanceId)
			.param("now", Timestamps.format(now))
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.map(this::pendingUpload)
			.toList();
	}

	/** Uploads due at {@code :now} of clips on this instance's disk. */
	private static final String DUE_UPLOAD = """
			u.state = 'pending' AND u.next_attempt_at <= :now
			AND EXISTS (SELECT 1 FROM clip c WHERE c.id = u.clip_id AND """ + CLIP_HERE + ")";

	/**
	 * Claims up to {@code limit} pending uploads due at {@code now} of clips on this
	 * instance's disk, for {@code lease}; returns them, oldest first. A row another
	 * instance holds is skipped until its lease runs out (by the database server's clock
	 * on PostgreSQL, by {@code now} on SQLite). Ending the row ({@link #uploadDone},
	 * {@link #uploadFailed}, {@link #uploadAbandoned}) lets go of the claim.
	 */
	public List<PendingUpload> claimUploads(Instant now, Duration lease, int limit) {
		return this.claims
			.claim("upload",
					"SELECT u.id FROM upload u WHERE " + DUE_UPLOAD + " AND " + this.claims.claimable("u")
							+ " ORDER BY u.id LIMIT :limit",
					now, lease, limit)
			.stream()
			.map(this::pendingUpload)
			.toList();
	}

	private PendingUpload pendingUpload(long id) {
		return this.jdbc.sql("""
				SELECT u.id, u.clip_id, c.path, u.object_key, c.size_bytes, u.attempts, c.camera_id, u.created_at,
				    a.id AS alarm_id, a.device_id, a.device_name, a.created_on
				FROM upload u JOIN clip c ON c.id = u.clip_id
				LEFT JOIN job j ON j.id = (SELECT MIN(id) FROM job WHERE clip_id = c.id)
				LEFT JOIN alarm a ON a.id = j.alarm_id
				WHERE u.id = :id""")
			.param("id", id)
			.query((rs, row) -> new PendingUpload(rs.getLong("id"), rs.getLong("clip_id"),
					java.nio.file.Path.of(rs.getString("path")), rs.getString("object_key"), rs.getLong("size_bytes"),
					rs.getInt("attempts"), rs.getString("camera_id"),
					(rs.getObject("alarm_id") != null) ? rs.getLong("alarm_id") : null, rs.getString("device_id"),
					rs.getString("device_name"), Timestamps.parseLocal(rs.getString("created_on")),
					Timestamps.parse(rs.getString("created_at"))))
			.single();
	}

	/**
	 * An upload verified in the bucket: the clip lives there too, or only there when its
	 * local copy was deleted ({@code localReason} says why).
	 */
	public void uploadDone(long uploadId, long clipId, Instant at, String localReason) {
		this.writes.update(this.jdbc.sql("""
				UPDATE upload SET state = 'done', done_at = :at, last_error = NULL, claimed_by = NULL,
				    lease_until = NULL
				WHERE id = :id""").param("at", Timestamps.format(at)).param("id", uploadId));
		this.writes.update(this.jdbc.sql("""
				UPDATE clip SET location = CASE WHEN :gone THEN 'cloud' ELSE 'both' END,
				    deleted_at = CASE WHEN :gone THEN :at ELSE deleted_at END,
				    deleted_reason = CASE WHEN :gone THEN :reason ELSE deleted_reason END
				WHERE id = :id""")
			.param("gone", localReason != null)
			.param("at", Timestamps.format(at))
			.param("reason", localReason)
			.param("id", clipId));
	}

	/** A failed attempt: tried again at {@code next}. */
	public void uploadFailed(long uploadId, String error, Instant next) {
		this.claims.attemptFailed("upload", uploadId, error, next);
	}

	/** An upload that can never happen (its local file is gone); it leaves the outbox. */
	public void uploadAbandoned(long uploadId, String why, Instant at) {
		this.writes.update(this.jdbc.sql("""
				UPDATE upload SET state = 'abandoned', last_error = :why, done_at = :at, claimed_by = NULL,
				    lease_until = NULL
				WHERE id = :id""").param("why", why).param("at", Timestamps.format(at)).param("id", uploadId));
	}

	/** The object key of a clip's finished upload, if it has one. */
	public Optional<String> uploadedKey(long clipId) {
		return this.jdbc.sql("SELECT object_key FROM upload WHERE clip_id = :id AND state = 'done'")
			.param("id", clipId)
			.query(String.class)
			.optional();
	}

	/** Pending uploads, and when the oldest was written (null when none). */
	public UploadBacklog uploadBacklog() {
		return this.jdbc.sql("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM upload WHERE state = 'pending'")
			.query((rs, row) -> new UploadBacklog(rs.getLong("n"), Timestamps.parse(rs.getString("oldest"))))
			.single();
	}

	/** Pending uploads and the oldest one's time. */
	public record UploadBacklog(long pending, Instant oldest) {
	}

}
