package io.videostore.clips;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

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

	JobClaims(JdbcClient jdbc, WriteQueue writes, boolean skipLocked) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.skipLocked = skipLocked;
	}

	/**
	 * Claims up to {@code limit} queued jobs of these cameras that nobody holds (or whose
	 * holder's lease ran out before {@code now}) until {@code until}; returns them,
	 * oldest first.
	 */
	public List<JobView> claim(String instanceId, Collection<String> cameras, Instant now, Instant until, int limit) {
		if (cameras.isEmpty()) {
			return List.of();
		}
		String select = """
				SELECT id FROM job WHERE state = 'queued' AND camera_id IN (:cameras)
				    AND (claimed_by IS NULL OR lease_until < :now)
				ORDER BY id LIMIT :limit""" + (this.skipLocked ? " FOR UPDATE SKIP LOCKED" : "");
		String update = "UPDATE job SET claimed_by = :me, lease_until = :until WHERE id IN (" + select
				+ ") RETURNING *";
		// RETURNING (SQLite 3.35+, PostgreSQL) gives exactly the rows this statement
		// claimed.
		List<JobView> claimed = this.writes.run(() -> this.jdbc.sql(update)
			.param("me", instanceId)
			.param("until", Timestamps.format(until))
			.param("cameras", cameras)
			.param("now", Timestamps.format(now))
			.param("limit", limit)
			.query(JobView::map)
			.list());
		return claimed.stream().sorted(java.util.Comparator.comparingLong(JobView::id)).toList();
	}

	/** Extends this instance's claims on jobs not yet finished; returns how many. */
	public int renew(String instanceId, Instant until) {
		return this.writes.update(this.jdbc.sql("""
				UPDATE job SET lease_until = :until
				WHERE claimed_by = :me AND state IN ('queued', 'running')""")
			.param("until", Timestamps.format(until))
			.param("me", instanceId));
	}

	/**
	 * Jobs claimed by an instance whose lease ran out before {@code now} and that never
	 * finished: recording or about to when their instance died.
	 */
	public List<JobView> abandoned(Collection<String> cameras, Instant now) {
		if (cameras.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT * FROM job WHERE state = 'running' AND camera_id IN (:cameras) AND lease_until < :now
				ORDER BY id""")
			.param("cameras", cameras)
			.param("now", Timestamps.format(now))
			.query(JobView::map)
			.list();
	}

	/** Queued jobs in the whole cluster: what {@code webhooks.queue_size} bounds. */
	public long queued() {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE state = 'queued'").query(Long.class).single();
	}

}
