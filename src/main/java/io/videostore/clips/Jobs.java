package io.videostore.clips;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.videostore.clips.IndexDb.requireFound;

/**
 * The {@code job} table: the recording jobs of alarms, from queued to their final state,
 * fenced by this instance's claim tokens ({@link HeldClaims}). Used by the recording
 * queue, its workers and outcome writer, restart recovery, the cluster's job adoption and
 * the webhook's sweepers; a finished job's clip is settled by {@link Clips}.
 */
public class Jobs {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final Clock clock;

	private final HeldClaims held;

	private final DbClock dbClock;

	private final Clips clips;

	Jobs(IndexDb db, Clips clips) {
		this.jdbc = db.jdbc();
		this.writes = db.writes();
		this.clock = db.clock();
		this.held = db.held();
		this.dbClock = db.dbClock();
		this.clips = clips;
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
			this.clips.preferCoveringClip(jobId);
		}
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

	/** One job, if it exists. */
	public Optional<JobView> job(long jobId) {
		return this.jdbc.sql("SELECT * FROM job WHERE id = :id").param("id", jobId).query(JobView::map).optional();
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

	public long countJobs(JobState state) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE state = :state")
			.param("state", state.value())
			.query(Long.class)
			.single();
	}

}
