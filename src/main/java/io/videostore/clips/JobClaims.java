package io.videostore.clips;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared queue: jobs wait in the index as {@code queued}, and the instance that owns
 * a job's camera claims them, oldest first, for a lease it renews while it works on them.
 * On PostgreSQL concurrent claimers skip each other's rows ({@code FOR UPDATE SKIP
 * LOCKED}); SQLite has one writer, so its claims never overlap anyway. A claim whose
 * lease ran out (its instance died) can be claimed again.
 */
public class JobClaims {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final boolean skipLocked;

	private final DbClock clock;

	private final HeldClaims held;

	JobClaims(JdbcClient jdbc, WriteQueue writes, boolean skipLocked, Duration lease, HeldClaims held) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.skipLocked = skipLocked;
		this.clock = new DbClock(skipLocked, lease);
		this.held = held;
	}

	/** Maps a claimed row, noting its fencing token as this instance's. */
	private JobView claimed(ResultSet rs, int row) throws SQLException {
		this.held.held(rs.getLong("id"), rs.getLong("claim_token"));
		return JobView.map(rs, row);
	}

	/**
	 * Claims up to {@code limit} queued jobs of these cameras that nobody holds, or whose
	 * claim ran out (by the database's clock): this instance's own, and with
	 * {@code takeOver} another instance's. Each claim counts the job's fencing token up.
	 * Returns them, oldest first.
	 */
	public List<JobView> claim(String instanceId, Collection<String> cameras, Instant now, Instant until, int limit,
			boolean takeOver) {
		if (cameras.isEmpty()) {
			return List.of();
		}
		String select = """
				SELECT id FROM job WHERE state = 'queued' AND camera_id IN (:cameras)
				    AND (claimed_by IS NULL OR (lease_until < %s AND (claimed_by = :me OR :takeOver = 1)))
				ORDER BY id LIMIT :limit""".formatted(this.clock.now())
				+ (this.skipLocked ? " FOR UPDATE SKIP LOCKED" : "");
		String update = "UPDATE job SET claimed_by = :me, lease_until = " + this.clock.leaseEnd()
				+ ", claim_token = claim_token + 1 WHERE id IN (" + select + ") RETURNING *";
		// RETURNING (SQLite 3.35+, PostgreSQL) gives exactly the rows this statement
		// claimed.
		List<JobView> claimed = this.writes.run(() -> this.jdbc.sql(update)
			.param("me", instanceId)
			.param("until", Timestamps.format(until))
			.param("cameras", cameras)
			.param("now", Timestamps.format(now))
			.param("limit", limit)
			.param("takeOver", takeOver ? 1 : 0)
			.query(this::claimed)
			.list());
		return claimed.stream().sorted(Comparator.comparingLong(JobView::id)).toList();
	}

	/**
	 * Extends this instance's claims on the jobs it holds (those it claimed and has not
	 * finished); returns how many. Only those: a claim whose answer was lost (the
	 * database went away between taking the statement and answering it) is this
	 * instance's in the table but not in its hands, and renewing it would keep that job
	 * from everyone for good. Left alone, it runs out after one lease and is claimed
	 * again ({@link #claim}: this instance's own lapsed claims count as free).
	 */
	public int renew(String instanceId, Instant until) {
		List<Long> mine = this.held.ids();
		if (mine.isEmpty()) {
			return 0;
		}
		return this.writes.update(this.jdbc
			.sql("""
					UPDATE job SET lease_until = %s
					WHERE claimed_by = :me AND state IN ('queued', 'running') AND id IN (:ids)"""
				.formatted(this.clock.leaseEnd()))
			.param("until", Timestamps.format(until))
			.param("me", instanceId)
			.param("ids", mine));
	}

	/**
	 * Jobs that were recording when their instance died (its claim ran out, by the
	 * database's clock) or that a restarted instance gave up: nobody records them now.
	 */
	public List<JobView> abandoned(Collection<String> cameras, Instant now) {
		if (cameras.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT * FROM job WHERE state = 'running' AND camera_id IN (:cameras)
				    AND (claimed_by IS NULL OR lease_until < %s)
				ORDER BY id""".formatted(this.clock.now()))
			.param("cameras", cameras)
			.param("now", Timestamps.format(now))
			.query(JobView::map)
			.list();
	}

	/** Queued jobs in the whole cluster: what {@code webhooks.queue_size} bounds. */
	public long queued() {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE state = 'queued'").query(Long.class).single();
	}

	/**
	 * Takes over one abandoned job (see {@link #abandoned}) until {@code until}; false
	 * when another instance took it or it ended meanwhile.
	 */
	public boolean takeAbandoned(long jobId, String instanceId, Instant now, Instant until) {
		return !this.writes.run(() -> this.jdbc.sql("""
				UPDATE job SET claimed_by = :me, lease_until = %s, claim_token = claim_token + 1
				WHERE id = :id AND state = 'running' AND (claimed_by IS NULL OR lease_until < %s)
				RETURNING id, claim_token""".formatted(this.clock.leaseEnd(), this.clock.now()))
			.param("me", instanceId)
			.param("until", Timestamps.format(until))
			.param("id", jobId)
			.param("now", Timestamps.format(now))
			.query((rs, row) -> {
				this.held.held(rs.getLong("id"), rs.getLong("claim_token"));
				return true;
			})
			.list()).isEmpty();
	}

	/**
	 * Keeps this instance's claim on one of its open jobs for another lease (after a
	 * restart: the claim it held before, whose fencing token it learns here); false when
	 * it is no longer this instance's (another took it over) or it ended.
	 */
	public boolean hold(long jobId, String instanceId, Instant until) {
		return !this.writes.run(() -> this.jdbc.sql("""
				UPDATE job SET lease_until = %s
				WHERE id = :id AND claimed_by = :me AND state IN ('queued', 'running')
				RETURNING id, claim_token""".formatted(this.clock.leaseEnd()))
			.param("until", Timestamps.format(until))
			.param("id", jobId)
			.param("me", instanceId)
			.query((rs, row) -> {
				this.held.held(rs.getLong("id"), rs.getLong("claim_token"));
				return true;
			})
			.list()).isEmpty();
	}

	/**
	 * Lets go of one job at once: queued, any owner of its camera claims it; running, it
	 * counts as abandoned.
	 */
	public void giveUp(long jobId, String instanceId) {
		this.held.ended(jobId);
		this.writes.update(this.jdbc.sql("""
				UPDATE job SET claimed_by = NULL, lease_until = NULL WHERE id = :id AND claimed_by = :me""")
			.param("id", jobId)
			.param("me", instanceId));
	}

	/**
	 * Lets go of every queued job of this instance (it is stopping); returns how many.
	 */
	public int releaseQueued(String instanceId) {
		return this.writes.update(this.jdbc.sql("""
				UPDATE job SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = :me AND state = 'queued'""")
			.param("me", instanceId));
	}

	/**
	 * Jobs of alarms received since {@code since} (by the alarms' index: no scan of the
	 * job table at start) that are not open in this instance's hands (another instance
	 * holds or ended them, possibly after taking them over from this one): after a
	 * restart this instance keeps a clip it had made of one.
	 */
	public List<JobView> notMine(String instanceId, Instant since) {
		return this.jdbc.sql("""
				SELECT j.* FROM alarm a JOIN job j ON j.alarm_id = a.id WHERE a.received_at >= :since
				    AND NOT (COALESCE(j.claimed_by, '') = :me AND j.state IN ('queued', 'running'))
				ORDER BY j.id LIMIT 5000""")
			.param("me", instanceId)
			.param("since", Timestamps.format(since))
			.query(JobView::map)
			.list();
	}

	/** This instance's open jobs (queued or running), oldest first. */
	public List<JobView> mine(String instanceId) {
		return this.jdbc.sql("""
				SELECT * FROM job WHERE claimed_by = :me AND state IN ('queued', 'running') ORDER BY id""")
			.param("me", instanceId)
			.query(JobView::map)
			.list();
	}

	/** True while this instance has a job of the camera queued or running. */
	public boolean busy(String instanceId, String cameraId) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM job WHERE claimed_by = :me AND camera_id = :camera
				    AND state IN ('queued', 'running')""")
			.param("me", instanceId)
			.param("camera", cameraId)
			.query(Long.class)
			.single() > 0;
	}

	/** Queued jobs of these cameras that no live instance holds, oldest first. */
	public List<JobView> unclaimed(Collection<String> cameras, Instant now) {
		if (cameras.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT * FROM job WHERE state = 'queued' AND camera_id IN (:cameras)
				    AND (claimed_by IS NULL OR lease_until < %s)
				ORDER BY id""".formatted(this.clock.now()))
			.param("cameras", cameras)
			.param("now", Timestamps.format(now))
			.query(JobView::map)
			.list();
	}

	/**
	 * Closes a queued job nobody holds, with why; false when an instance claimed it
	 * meanwhile.
	 */
	public boolean closeUnclaimed(long jobId, JobState state, String reason, Instant now) {
		return this.writes.update(this.jdbc
			.sql("""
					UPDATE job SET state = :state, reason = :reason, finished_at = :now
					WHERE id = :id AND state = 'queued' AND (claimed_by IS NULL OR lease_until < %s)"""
				.formatted(this.clock.now()))
			.param("state", state.value())
			.param("reason", reason)
			.param("now", Timestamps.format(now))
			.param("id", jobId)) > 0;
	}

	/**
	 * The queued jobs of one group of cameras (a site, or one camera) and when the oldest
	 * of them was queued.
	 *
	 * @param count how many
	 * @param oldest when the oldest was queued; null when none is
	 */
	public record Queued(long count, Instant oldest) {

		/** No job queued. */
		public static final Queued NONE = new Queued(0, null);

		/** Both groups together. */
		public Queued plus(Queued other) {
			Instant first = (this.oldest == null) ? other.oldest
					: (other.oldest == null || this.oldest.isBefore(other.oldest)) ? this.oldest : other.oldest;
			return new Queued(this.count + other.count, first);
		}

	}

	/**
	 * Queued jobs of these cameras, claimed or not: what {@code webhooks.queue_size}
	 * bounds per site, and per camera.
	 */
	public long queued(Collection<String> cameras) {
		if (cameras.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE state = 'queued' AND camera_id IN (:cameras)")
			.param("cameras", cameras)
			.query(Long.class)
			.single();
	}

	/** Each camera's queued jobs and the oldest one's age (for health and metrics). */
	public java.util.Map<String, Queued> queuedByCamera() {
		java.util.Map<String, Queued> queued = new java.util.TreeMap<>();
		this.jdbc.sql("""
				SELECT camera_id, COUNT(*) AS n, MIN(created_at) AS oldest FROM job WHERE state = 'queued'
				GROUP BY camera_id""").query((rs) -> {
			queued.put(rs.getString("camera_id"),
					new Queued(rs.getLong("n"), Timestamps.parse(rs.getString("oldest"))));
		});
		return queued;
	}

	/** Each instance's open jobs, by instance (for health). */
	public java.util.Map<String, Long> openByInstance() {
		java.util.Map<String, Long> open = new java.util.TreeMap<>();
		this.jdbc.sql("""
				SELECT claimed_by, COUNT(*) AS n FROM job WHERE claimed_by IS NOT NULL
				    AND state IN ('queued', 'running') GROUP BY claimed_by""").query((rs) -> {
			open.put(rs.getString("claimed_by"), rs.getLong("n"));
		});
		return open;
	}

}
