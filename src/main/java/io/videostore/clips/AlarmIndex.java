package io.videostore.clips;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index of alarms, recording jobs and clips: the service's only way into the
 * database.
 * <p>
 * Every write is one statement, so one short transaction, and writes queue in order for
 * SQLite's single writer (PostgreSQL takes them at once): concurrent webhook threads only
 * ever wait for each other briefly. Portable SQL only, run on both databases by the
 * tests. Call it outside Spring transactions.
 */
public class AlarmIndex {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final WriteQueue writes;

	/** An index on a single-writer database such as SQLite. */
	public AlarmIndex(JdbcClient jdbc) {
		this(jdbc, Clock.systemUTC(), WriteQueue.serial());
	}

	AlarmIndex(JdbcClient jdbc, Clock clock, WriteQueue writes) {
		this(jdbc, clock, writes, null);
	}

	/**
	 * @param instanceId the instance whose disk holds the clips it records, on a database
	 * several instances share; null alone
	 */
	AlarmIndex(JdbcClient jdbc, Clock clock, WriteQueue writes, String instanceId) {
		this(jdbc, clock, writes, instanceId, new HeldClaims(), new DbClock(false, Duration.ZERO));
	}

	/**
	 * @param instanceId the instance whose disk holds the clips it records, on a database
	 * several instances share; null alone
	 * @param held the fencing tokens of the jobs this instance claimed (shared with its
	 * {@link JobClaims})
	 * @param dbClock the clock claims are written by
	 */
	AlarmIndex(JdbcClient jdbc, Clock clock, WriteQueue writes, String instanceId, HeldClaims held, DbClock dbClock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.writes = writes;
		this.instanceId = instanceId;
		this.held = held;
		this.dbClock = dbClock;
		this.server = !writes.queued();
	}

	private final String instanceId;

	private final HeldClaims held;

	private final DbClock dbClock;

	/**
	 * True on a database server that takes concurrent writers (PostgreSQL): outbox claims
	 * skip rows another instance is claiming, and leases run by the server's clock.
	 */
	private final boolean server;

	/** Who claims outbox rows on a database of its own (SQLite): the only instance. */
	private static final String ALONE = "this instance";

	/**
	 * The database server's time as the index's stored text (see {@link Timestamps}):
	 * outbox leases are judged by one clock, not by each instance's own.
	 */
	private static final String SERVER_NOW = "to_char(statement_timestamp() AT TIME ZONE 'UTC', "
			+ "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

	/** The server's time plus {@code :leaseMillis}, as stored text. */
	private static final String SERVER_UNTIL = "to_char((statement_timestamp() + interval '1 millisecond' * "
			+ ":leaseMillis) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

	/** Clips of this instance's disk: made here, or before instances were told apart. */
	private static final String CLIP_HERE = "(c.instance_id IS NULL OR c.instance_id = :me)";

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

	/** Stores an alarm as it arrived; returns its id. */
	public long recordAlarm(NewAlarm a) {
		return this.writes.insert(this.jdbc.sql("""
				INSERT INTO alarm (received_at, created_on, company_id, device_id, device_name, system_label,
				    short_content, dedupe_key, payload, remote_addr, outcome, outcome_at)
				VALUES (:receivedAt, :createdOn, :companyId, :deviceId, :deviceName, :systemLabel,
				    :shortContent, :dedupeKey, :payload, :remoteAddr, :outcome, :outcomeAt)""")
			.param("receivedAt", Timestamps.format(a.receivedAt()))
			.param("createdOn", Timestamps.format(a.createdOn()))
			.param("companyId", a.companyId())
			.param("deviceId", a.deviceId())
			.param("deviceName", a.deviceName())
			.param("systemLabel", a.systemLabel())
			.param("shortContent", a.shortContent())
			.param("dedupeKey", a.dedupeKey())
			.param("payload", a.payload())
			.param("remoteAddr", a.remoteAddr())
			.param("outcome", (a.outcome() != null) ? a.outcome().text() : null)
			.param("outcomeAt", (a.outcome() != null) ? Timestamps.format(a.receivedAt()) : null));
	}

	/**
	 * Sets what happened to an alarm, such as {@code accepted} or
	 * {@code rejected: queue full}.
	 */
	public void setAlarmOutcome(long alarmId, AlarmOutcome outcome) {
		int updated = this.writes
			.update(this.jdbc.sql("UPDATE alarm SET outcome = :outcome, outcome_at = :at WHERE id = :id")
				.param("outcome", outcome.text())
				.param("at", Timestamps.format(this.clock.instant()))
				.param("id", alarmId));
		requireFound(updated, "alarm", alarmId);
	}

	/**
	 * The first alarm with this dedupe key, received at or after {@code since}, whose
	 * footage covers {@code moment}: a job still waiting or recording whose window holds
	 * it, or a clip whose window holds it. An on-demand clip starts a little after its
	 * alarm, so each window counts from its own alarm's {@code createdOn} when that is
	 * earlier. Rejected, expired and failed alarms cover nothing, so a repeat of them
	 * gets footage of its own.
	 */
	public Optional<Long> findCoveringAlarm(String dedupeKey, Instant moment, Instant since) {
		return this.jdbc.sql("""
				SELECT a.id FROM alarm a
				JOIN job j ON j.alarm_id = a.id
				LEFT JOIN clip c ON c.id = j.clip_id
				WHERE a.dedupe_key = :key AND a.received_at >= :since AND (
				    (j.finished_at IS NULL AND j.state IN ('queued', 'running', 'joined')
				        AND :moment >= CASE WHEN a.created_on < j.window_start THEN a.created_on ELSE j.window_start END
				        AND :moment <= j.window_end)
				    OR (c.id IS NOT NULL
				        AND :moment >= CASE WHEN a.created_on < c.window_start THEN a.created_on ELSE c.window_start END
				        AND :moment <= c.window_end))
				ORDER BY a.received_at, a.id LIMIT 1""")
			.param("key", dedupeKey)
			.param("moment", Timestamps.format(moment))
			.param("since", Timestamps.format(since))
			.query(Long.class)
			.optional();
	}

	/**
	 * Stores a recording job for an alarm; returns its id. A job created in a final state
	 * (such as {@code rejected}) is finished at once.
	 */
	public long createJob(long alarmId, String cameraId, JobState state, Instant windowStart, Instant windowEnd,
			Long joinedJobId) {
		return createJob(alarmId, cameraId, state, windowStart, windowEnd, joinedJobId, null, null);
	}

	/**
	 * Stores a recording job claimed at once by this instance until {@code leaseUntil}
	 * (in the same statement: no other instance can claim it first); returns its id.
	 */
	public long createJob(long alarmId, String cameraId, JobState state, Instant windowStart, Instant windowEnd,
			Long joinedJobId, String claimedBy, Instant leaseUntil) {
		String now = Timestamps.format(this.clock.instant());
		// A claimed job is claimed for one lease by the database's clock, with the first
		// fencing token.
		long id = this.writes.insert(this.jdbc
			.sql("""
					INSERT INTO job (alarm_id, camera_id, state, window_start, window_end, joined_job_id,
					    created_at, started_at, finished_at, claimed_by, lease_until, claim_token)
					VALUES (:alarmId, :cameraId, :state, :windowStart, :windowEnd, :joinedJobId,
					    :now, :startedAt, :finishedAt, :claimedBy, %s, :token)"""
				.formatted((claimedBy != null) ? this.dbClock.leaseEnd() : "NULL"))
			.param("claimedBy", claimedBy)
			.param("until", (leaseUntil != null) ? Timestamps.format(leaseUntil) : null)
			.param("token", (claimedBy != null) ? 1 : 0)
			.param("alarmId", alarmId)
			.param("cameraId", cameraId)
			.param("state", state.value())
			.param("windowStart", Timestamps.format(windowStart))
			.param("windowEnd", Timestamps.format(windowEnd))
			.param("joinedJobId", joinedJobId)
			.param("now", now)
			.param("startedAt", (state == JobState.RUNNING) ? now : null)
			.param("finishedAt", state.isFinal() ? now : null));
		if (claimedBy != null && !state.isFinal()) {
			this.held.held(id, 1);
		}
		return id;
	}

	/** Marks an open job as running. */
	public void jobStarted(long jobId, Instant at) {
		OptionalLong token = this.held.token(jobId);
		// Fenced like the outcome: an instance that lost its claim does not mark another
		// instance's job (queued, or joined to its capture) as running.
		int updated = this.writes.update(this.jdbc
			.sql("UPDATE job SET state = 'running', started_at = :at WHERE id = :id AND finished_at IS NULL"
					+ (token.isPresent() ? " AND claim_token = :token" : ""))
			.param("at", Timestamps.format(at))
			.param("id", jobId)
			.param("token", token.orElse(0)));
		if (updated == 0 && token.isPresent() && job(jobId).filter((j) -> j.finishedAt() == null).isPresent()) {
			this.held.ended(jobId);
			throw new FencedException(jobId);
		}
		requireFound(updated, "open job", jobId);
	}

	/**
	 * Ends a job in a final state. The jobs that joined it stay {@code joined} but get
	 * its clip and end time too, so every alarm links to the clip that covers it.
	 */
	public void jobFinished(long jobId, JobState state, String reason, Long clipId, Instant at) {
		jobFinished(jobId, state, reason, reason, clipId, at);
	}

	/**
	 * Ends a job in a final state, its joined jobs quoting {@code sharedReason}: what
	 * holds for the recording, without what holds for this job's alarm alone (such as how
	 * long after it the clip starts, which differs for each alarm).
	 */
	public void jobFinished(long jobId, JobState state, String reason, String sharedReason, Long clipId, Instant at) {
		if (!state.isFinal()) {
			throw new IllegalArgumentException("a job cannot finish as '" + state.value() + "'");
		}
		OptionalLong token = this.held.token(jobId);
		// Fenced: only while the job still carries the token this instance claimed it
		// under, checked in the same statement.
		String fence = token.isPresent()
				? " AND EXISTS (SELECT 1 FROM job f WHERE f.id = :id AND f.claim_token = :token)" : "";
		int updated = this.writes.update(this.jdbc.sql("""
				UPDATE job SET
				    state = CASE WHEN id = :id THEN :state ELSE state END,
				    reason = CASE WHEN id = :id THEN :reason ELSE :joinedReason END,
				    clip_id = :clipId,
				    finished_at = :at
				WHERE (id = :id OR (joined_job_id = :id AND state = 'joined'))""" + fence)
			.param("id", jobId)
			.param("token", token.orElse(0))
			.param("state", state.value())
			.param("reason", reason)
			// An alarm that joined a failed or partial recording says why too, not only
			// the alarm it joined.
			.param("joinedReason", (sharedReason == null) ? null : "covered by job " + jobId + ": " + sharedReason)
			.param("clipId", clipId)
			.param("at", Timestamps.format(at)));
		if (updated == 0 && token.isPresent() && job(jobId).isPresent()) {
			throw new FencedException(jobId);
		}
		requireFound(updated, "job", jobId);
		this.held.ended(jobId);
		if (clipId != null) {
			preferCoveringClip(jobId);
		}
	}

	/** A stored alarm that no job was created for. */
	public record JoblessAlarm(long id, Instant receivedAt, String payload) {
	}

	/**
	 * Alarms received between {@code from} and {@code to} with the outcome
	 * {@code accepted} but no job: the instance that stored them stopped, or lost the
	 * database, between the two writes. Oldest first.
	 */
	public List<JoblessAlarm> joblessAlarms(Instant from, Instant to, int limit) {
		return this.jdbc.sql("""
				SELECT a.id, a.received_at, a.payload FROM alarm a
				WHERE a.received_at >= :from AND a.received_at < :to AND a.outcome = 'accepted'
				    AND NOT EXISTS (SELECT 1 FROM job j WHERE j.alarm_id = a.id)
				ORDER BY a.id LIMIT :limit""")
			.param("from", Timestamps.format(from))
			.param("to", Timestamps.format(to))
			.param("limit", limit)
			.query((rs, row) -> new JoblessAlarm(rs.getLong("id"), Timestamps.parse(rs.getString("received_at")),
					rs.getString("payload")))
			.list();
	}

	/**
	 * Closes the missing job of an alarm's camera as failed with the reason, unless the
	 * alarm has a job for the camera by now; true when it was added.
	 */
	public boolean closeMissingJob(long alarmId, String cameraId, String reason, Instant at) {
		String now = Timestamps.format(at);
		return this.writes.update(this.jdbc.sql("""
				INSERT INTO job (alarm_id, camera_id, state, reason, created_at, finished_at)
				SELECT :alarm, :camera, 'failed', :reason, :now, :now
				WHERE NOT EXISTS (SELECT 1 FROM job WHERE alarm_id = :alarm AND camera_id = :camera)""")
			.param("alarm", alarmId)
			.param("camera", cameraId)
			.param("reason", reason)
			.param("now", now)) > 0;
	}

	/** True when a clip row names this file. */
	public boolean clipAt(String path) {
		return this.jdbc.sql("SELECT COUNT(*) FROM clip WHERE path = :path")
			.param("path", path)
			.query(Long.class)
			.single() > 0;
	}

	/** One job, if it exists. */
	public Optional<JobView> job(long jobId) {
		return this.jdbc.sql("SELECT * FROM job WHERE id = :id").param("id", jobId).query(JobView::map).optional();
	}

	/**
	 * Stores a clip a job made, fenced like {@link #jobFinished}: only while the job
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
	private void preferCoveringClip(long jobId) {
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

	/**
	 * Bounds what the stored alarm payloads take: replaces the payloads of alarms
	 * received before {@code before} (or null), and of all but the newest
	 * {@code keepWhole}, by {@code note}; the alarm rows and their columns stay. Returns
	 * how many were trimmed.
	 */
	public int trimPayloads(Instant before, long keepWhole, String note) {
		Long newestToTrim = this.jdbc.sql("SELECT id FROM alarm ORDER BY id DESC LIMIT 1 OFFSET :keep")
			.param("keep", keepWhole)
			.query(Long.class)
			.optional()
			.orElse(0L);
		// In batches: one short write at a time, so webhooks storing alarms never wait
		// long
		// behind the first sweep of a large index.
		return this.writes.update(this.jdbc.sql("""
				UPDATE alarm SET payload = :note, payload_trimmed = 1
				WHERE id IN (SELECT id FROM alarm WHERE payload_trimmed = 0
				    AND (id <= :newest OR received_at < :before) ORDER BY id LIMIT :batch)""")
			.param("note", note)
			.param("newest", newestToTrim)
			.param("before", (before != null) ? Timestamps.format(before) : "")
			.param("batch", TRIM_BATCH));
	}

	/** At most this many payloads are trimmed by one {@link #trimPayloads} call. */
	public static final int TRIM_BATCH = 5_000;

	/** Deletes "clip ready" messages sent or given up before {@code before}. */
	public int forgetNotifications(Instant before) {
		return this.writes.update(this.jdbc.sql("""
				DELETE FROM notification WHERE state <> 'pending' AND created_at < :before""")
			.param("before", Timestamps.format(before)));
	}

	/** Marks a clip as kept by retention (or not). */
	public void setProtected(long clipId, boolean kept) {
		int updated = this.writes.update(this.jdbc.sql("UPDATE clip SET protected = :p WHERE id = :id")
			.param("p", kept ? 1 : 0)
			.param("id", clipId));
		requireFound(updated, "clip", clipId);
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
		return claim("upload", "SELECT u.id FROM upload u WHERE " + DUE_UPLOAD + " AND " + claimable("u")
				+ " ORDER BY u.id LIMIT :limit", now, lease, limit)
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
	 * An outbox row nobody holds: unclaimed, or claimed by an instance whose lease ran
	 * out. Not even this instance takes its own claim again before then: two of its
	 * threads, or its run before a restart, could be sending the row.
	 */
	private String claimable(String row) {
		return "(" + row + ".claimed_by IS NULL OR " + row + ".lease_until < " + (this.server ? SERVER_NOW : ":now")
				+ ")";
	}

	/**
	 * Claims the rows of {@code outbox} (one of the two table names) that {@code select}
	 * picks, in one statement; returns their ids, oldest first. On PostgreSQL concurrent
	 * claimers skip each other's rows ({@code FOR UPDATE SKIP LOCKED}) and the lease runs
	 * from the server's clock; SQLite has one writer, so its claims never overlap.
	 */
	private List<Long> claim(String outbox, String select, Instant now, Duration lease, int limit) {
		String update = "UPDATE " + outbox + " SET claimed_by = :claimant, lease_until = "
				+ (this.server ? SERVER_UNTIL : ":until") + " WHERE id IN (" + select
				+ (this.server ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING id";
		List<Long> claimed = this.writes.run(() -> this.jdbc.sql(update)
			.param("claimant", claimant())
			.param("me", this.instanceId)
			.param("now", Timestamps.format(now))
			.param("until", Timestamps.format(now.plus(lease)))
			.param("leaseMillis", lease.toMillis())
			.param("limit", limit)
			.query(Long.class)
			.list());
		return claimed.stream().sorted(Comparator.naturalOrder()).toList();
	}

	/** This instance's name on its outbox claims. */
	private String claimant() {
		return (this.instanceId != null) ? this.instanceId : ALONE;
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
		attemptFailed("upload", uploadId, error, next);
	}

	/** An upload that can never happen (its local file is gone); it leaves the outbox. */
	public void uploadAbandoned(long uploadId, String why, Instant at) {
		this.writes.update(this.jdbc.sql("""
				UPDATE upload SET state = 'abandoned', last_error = :why, done_at = :at, claimed_by = NULL,
				    lease_until = NULL
				WHERE id = :id""").param("why", why).param("at", Timestamps.format(at)).param("id", uploadId));
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
	 * one sends each; returns them, oldest first. As {@link #claimUploads}: a message
	 * another instance holds is skipped until its lease runs out, and ending it lets go
	 * of the claim.
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
		String claimable = takeOver ? claimable("n") : "n.claimed_by IS NULL";
		return claim("notification",
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
		attemptFailed("notification", id, error, next);
	}

	/**
	 * An outbox row's failed attempt, which lets go of the claim; {@code outbox} is one
	 * of the two table names above. Not counted when another instance took the row over
	 * meanwhile (this one outlived its lease): the row is that one's now.
	 */
	private void attemptFailed(String outbox, long id, String error, Instant next) {
		this.writes.update(this.jdbc.sql("UPDATE " + outbox + """
				 SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
				    claimed_by = NULL, lease_until = NULL
				WHERE id = :id AND (claimed_by IS NULL OR claimed_by = :claimant)""")
			.param("claimant", claimant())
			.param("error", error)
			.param("next", Timestamps.format(next))
			.param("id", id));
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

	/**
	 * Puts a job left by a previous run back to {@code queued}, to be recorded by this
	 * one.
	 */
	public void requeue(long jobId) {
		int updated = this.writes.update(this.jdbc
			.sql("UPDATE job SET state = 'queued', started_at = NULL WHERE id = :id AND finished_at IS NULL")
			.param("id", jobId));
		requireFound(updated, "open job", jobId);
	}

	/**
	 * Makes a queued job share the recording of {@code primaryJobId} (of the same
	 * camera); false when it is no longer queued.
	 */
	public boolean joinJob(long jobId, long primaryJobId) {
		return this.writes.update(this.jdbc
			.sql("UPDATE job SET state = 'joined', joined_job_id = :primary, started_at = NULL "
					+ "WHERE id = :id AND state IN ('queued', 'running') AND finished_at IS NULL")
			.param("primary", primaryJobId)
			.param("id", jobId)) > 0;
	}

	/** Jobs still queued or running, oldest first. */
	public List<JobView> interruptedJobs() {
		return this.jdbc.sql("SELECT * FROM job WHERE state IN ('queued', 'running') ORDER BY id")
			.query(JobView::map)
			.list();
	}

	public Optional<AlarmView> alarm(long id) {
		return this.jdbc.sql("SELECT * FROM alarm WHERE id = :id").param("id", id).query(AlarmView::map).optional();
	}

	/** The jobs of one alarm, in creation order. */
	public List<JobView> jobsForAlarm(long alarmId) {
		return this.jdbc.sql("SELECT * FROM job WHERE alarm_id = :id ORDER BY id")
			.param("id", alarmId)
			.query(JobView::map)
			.list();
	}

	/** The jobs of later alarms that joined job {@code jobId}'s recording. */
	public List<JobView> jobsJoinedTo(long jobId) {
		return this.jdbc.sql("SELECT * FROM job WHERE joined_job_id = :id ORDER BY id")
			.param("id", jobId)
			.query(JobView::map)
			.list();
	}

	public Optional<ClipView> clip(long id) {
		return this.jdbc.sql("SELECT * FROM clip WHERE id = :id").param("id", id).query(ClipView::map).optional();
	}

	public long countAlarms() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alarm").query(Long.class).single();
	}

	/**
	 * Alarm counts by exact outcome, in outcome order; alarms without one count as
	 * {@code pending}.
	 */
	public Map<String, Long> countAlarmsByOutcome() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT COALESCE(outcome, 'pending') AS outcome, COUNT(*) AS n FROM alarm
				GROUP BY COALESCE(outcome, 'pending') ORDER BY 1""").query((rs) -> {
			counts.put(rs.getString("outcome"), rs.getLong("n"));
		});
		return counts;
	}

	public long countJobs(JobState state) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE state = :state")
			.param("state", state.value())
			.query(Long.class)
			.single();
	}

	private static void requireFound(int updated, String what, long id) {
		if (updated == 0) {
			throw new IllegalArgumentException("No " + what + " with id " + id);
		}
	}

}
