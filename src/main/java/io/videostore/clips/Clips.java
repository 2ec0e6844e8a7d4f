package io.videostore.clips;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.videostore.clips.IndexDb.CLIP_HERE;
import static io.videostore.clips.IndexDb.requireFound;

/**
 * The {@code clip} table: the clips jobs made, which disk holds each local copy, second
 * clips of an alarm, and what retention kept or deleted. Used by the recording workers,
 * outcome writer and restart recovery, retention, the clip reader and deleter, and the
 * API's clip pages.
 */
public class Clips {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final String instanceId;

	private final HeldClaims held;

	Clips(IndexDb db) {
		this.jdbc = db.jdbc();
		this.writes = db.writes();
		this.instanceId = db.instanceId();
		this.held = db.held();
	}

	/**
	 * True when the clip's local copy, if any, is on this instance's disk (not another's
	 * of the cluster).
	 */
	public boolean clipIsHere(long clipId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM clip c WHERE c.id = :id AND " + CLIP_HERE)
			.param("id", clipId)
			.param("me", this.instanceId)
			.query(Long.class)
			.single() > 0;
	}

	/** True when a clip row names this file. */
	public boolean clipAt(String path) {
		return this.jdbc.sql("SELECT COUNT(*) FROM clip WHERE path = :path")
			.param("path", path)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores a clip a job made, fenced like {@link Jobs#jobFinished}: only while the job
	 * still carries this instance's claim token, in the same statement.
	 * @return its id, or empty when another instance took the job over meanwhile
	 */
	public Optional<Long> recordClip(ClipRecord c, long jobId) {
		OptionalLong token = this.held.token(jobId);
		if (token.isEmpty()) {
			return Optional.of(recordClip(c));
		}
		List<Long> id = this.writes.run(() -> clipParams(this.jdbc.sql("""
				INSERT INTO clip (camera_id, path, duration_s, frames, codec, width, height, size_bytes,
				    window_start, window_end, created_at, instance_id)
				SELECT :cameraId, :path, :duration, :frames, :codec, :width, :height, :size,
				    :windowStart, :windowEnd, :createdAt, :me
				WHERE EXISTS (SELECT 1 FROM job WHERE id = :job AND claim_token = :token)
				RETURNING id"""), c).param("job", jobId).param("token", token.getAsLong()).query(Long.class).list());
		return id.stream().findFirst();
	}

	/**
	 * Keeps a clip of a job that another instance took over meanwhile as a second clip of
	 * the job's alarm, never deleted in favour of the job's own; when only this one
	 * covers the alarm's instant, it becomes the job's clip and the other the second one.
	 * @return the clip's id
	 */
	public long keepSecondClip(long jobId, ClipRecord c) {
		long id = this.writes.run(() -> clipParams(this.jdbc.sql("""
				INSERT INTO clip (camera_id, path, duration_s, frames, codec, width, height, size_bytes,
				    window_start, window_end, created_at, instance_id, alarm_id)
				SELECT :cameraId, :path, :duration, :frames, :codec, :width, :height, :size,
				    :windowStart, :windowEnd, :createdAt, :me, alarm_id FROM job WHERE id = :job
				RETURNING id"""), c).param("job", jobId).query(Long.class).single());
		this.held.ended(jobId);
		preferCoveringClip(jobId);
		return id;
	}

	/**
	 * Makes a stored clip a second clip of the job's alarm (see {@link #keepSecondClip}).
	 */
	public void keepAsSecondClip(long jobId, long clipId) {
		this.writes.update(this.jdbc
			.sql("UPDATE clip SET alarm_id = (SELECT alarm_id FROM job WHERE id = :job) " + "WHERE id = :clip")
			.param("job", jobId)
			.param("clip", clipId));
		this.held.ended(jobId);
		preferCoveringClip(jobId);
	}

	/** Second clips of an alarm, oldest first. */
	public List<Long> secondClips(long alarmId) {
		return this.jdbc.sql("SELECT id FROM clip WHERE alarm_id = :alarm ORDER BY id")
			.param("alarm", alarmId)
			.query(Long.class)
			.list();
	}

	/**
	 * Of a finished job's clip and the second clips of its alarm's camera, the job keeps
	 * one that covers the alarm's instant: if its own does not and a second one does,
	 * they swap (the job's clip becomes a second clip; nothing is deleted).
	 */
	void preferCoveringClip(long jobId) {
		record Candidate(long id, boolean covers) {
		}
		String covers = "CASE WHEN c.window_start <= COALESCE(a.created_on, a.received_at) "
				+ "AND COALESCE(a.created_on, a.received_at) <= c.window_end THEN 1 ELSE 0 END";
		List<Candidate> second = this.jdbc.sql("""
				SELECT c.id, %s AS covers FROM job j JOIN alarm a ON a.id = j.alarm_id
				JOIN clip c ON c.alarm_id = j.alarm_id AND c.camera_id = j.camera_id AND c.deleted_at IS NULL
				WHERE j.id = :job ORDER BY c.id""".formatted(covers))
			.param("job", jobId)
			.query((rs, row) -> new Candidate(rs.getLong("id"), rs.getInt("covers") == 1))
			.list();
		if (second.isEmpty()) {
			return;
		}
		List<Candidate> own = this.jdbc.sql("""
				SELECT c.id, %s AS covers FROM job j JOIN alarm a ON a.id = j.alarm_id JOIN clip c ON c.id = j.clip_id
				WHERE j.id = :job AND j.finished_at IS NOT NULL""".formatted(covers))
			.param("job", jobId)
			.query((rs, row) -> new Candidate(rs.getLong("id"), rs.getInt("covers") == 1))
			.list();
		Optional<Candidate> winner = second.stream().filter(Candidate::covers).findFirst();
		if (own.isEmpty() || own.get(0).covers() || winner.isEmpty()) {
			return;
		}
		long current = own.get(0).id();
		long better = winner.get().id();
		this.writes.update(this.jdbc.sql("""
				UPDATE clip SET alarm_id = CASE WHEN id = :current THEN (SELECT alarm_id FROM job WHERE id = :job)
				    ELSE NULL END WHERE id IN (:current, :better)""")
			.param("current", current)
			.param("better", better)
			.param("job", jobId));
		this.writes.update(this.jdbc.sql("""
				UPDATE job SET clip_id = :better, reason = CASE WHEN id = :job THEN
				    COALESCE(reason || '; ', '') || 'its clip is the one that covers the alarm (clip ' || :better
				    || ', recorded by the instance that held it before); the later recording is kept as a second clip'
				    ELSE reason END
				WHERE (id = :job OR joined_job_id = :job) AND clip_id = :current""")
			.param("better", better)
			.param("current", current)
			.param("job", jobId));
	}

	/** Stores a finished clip; returns its id. */
	public long recordClip(ClipRecord c) {
		return this.writes.insert(clipParams(this.jdbc.sql("""
				INSERT INTO clip (camera_id, path, duration_s, frames, codec, width, height, size_bytes,
				    window_start, window_end, created_at, instance_id)
				VALUES (:cameraId, :path, :duration, :frames, :codec, :width, :height, :size,
				    :windowStart, :windowEnd, :createdAt, :me)"""), c));
	}

	private JdbcClient.StatementSpec clipParams(JdbcClient.StatementSpec sql, ClipRecord c) {
		return sql.param("me", this.instanceId)
			.param("cameraId", c.cameraId())
			.param("path", c.path())
			.param("duration", c.durationSeconds())
			.param("frames", c.frames())
			.param("codec", c.codec())
			.param("width", c.width())
			.param("height", c.height())
			.param("size", c.sizeBytes())
			.param("windowStart", Timestamps.format(c.windowStart()))
			.param("windowEnd", Timestamps.format(c.windowEnd()))
			.param("createdAt", Timestamps.format(c.createdAt()));
	}

	/** Clips with a local copy, oldest first. */
	public List<LocalClip> localClips() {
		return this.jdbc.sql("""
				SELECT id, path, size_bytes, created_at, location, protected FROM clip c
				WHERE location IN ('local', 'both') AND """ + CLIP_HERE + " ORDER BY created_at, id")
			.param("me", this.instanceId)
			.query((rs, row) -> new LocalClip(rs.getLong("id"), java.nio.file.Path.of(rs.getString("path")),
					rs.getLong("size_bytes"), Timestamps.parse(rs.getString("created_at")),
					"both".equals(rs.getString("location")), rs.getInt("protected") != 0))
			.list();
	}

	/**
	 * The clips stored since {@code since} that are the newest clip of their alarm and
	 * have their only copy on this disk: for each alarm (by its dedupe key, so a repeat
	 * is the same alarm) and camera, the newest clip still kept anywhere, when it is
	 * local only. A clip that covers several alarms counts for each.
	 */
	public java.util.Set<Long> newestOnlyCopies(Instant since) {
		java.util.Set<String> seen = new java.util.HashSet<>();
		java.util.Set<Long> newest = new java.util.HashSet<>();
		this.jdbc.sql("""
				SELECT c.id, c.camera_id, c.location, a.id AS alarm_id, a.dedupe_key FROM clip c
				JOIN job j ON j.clip_id = c.id JOIN alarm a ON a.id = j.alarm_id
				WHERE c.created_at >= :since AND c.location <> 'deleted' AND """ + CLIP_HERE + """
				ORDER BY c.created_at DESC, c.id DESC""")
			.param("since", Timestamps.format(since))
			.param("me", this.instanceId)
			.query((rs) -> {
				String key = rs.getString("dedupe_key");
				String alarm = rs.getString("camera_id") + "\n"
						+ ((key != null) ? key : "alarm " + rs.getLong("alarm_id"));
				if (seen.add(alarm) && "local".equals(rs.getString("location"))) {
					newest.add(rs.getLong("id"));
				}
			});
		return newest;
	}

	/**
	 * Records that a clip's local copy was deleted and why; the clip stays in the index,
	 * in the cloud when it was uploaded.
	 */
	public void localCopyDeleted(long clipId, String reason, Instant at) {
		int updated = this.writes.update(this.jdbc.sql("""
				UPDATE clip SET location = CASE WHEN location = 'both' THEN 'cloud' ELSE 'deleted' END,
				    deleted_at = :at, deleted_reason = :reason
				WHERE id = :id AND location IN ('local', 'both')""")
			.param("at", Timestamps.format(at))
			.param("reason", reason)
			.param("id", clipId));
		requireFound(updated, "local clip", clipId);
	}

	/** Marks a clip as kept by retention (or not). */
	public void setProtected(long clipId, boolean kept) {
		int updated = this.writes.update(this.jdbc.sql("UPDATE clip SET protected = :p WHERE id = :id")
			.param("p", kept ? 1 : 0)
			.param("id", clipId));
		requireFound(updated, "clip", clipId);
	}

	public Optional<ClipView> clip(long id) {
		return this.jdbc.sql("SELECT * FROM clip WHERE id = :id").param("id", id).query(ClipView::map).optional();
	}

}
