package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims on the rows of the two outboxes ({@code upload} and {@code notification}), so
 * that of several instances one sends each row: a claim holds a row for a lease, and
 * ending the row, or a failed attempt, lets go of it. Used by {@link UploadOutbox} and
 * {@link NotificationOutbox}.
 */
final class OutboxClaims {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final String instanceId;

	/**
	 * True on a database server that takes concurrent writers (PostgreSQL): claims skip
	 * rows another instance is claiming, and leases run by the server's clock.
	 */
	private final boolean server;

	OutboxClaims(IndexDb db) {
		this.jdbc = db.jdbc();
		this.writes = db.writes();
		this.instanceId = db.instanceId();
		this.server = db.server();
	}

	/** Who claims outbox rows on a database of its own (SQLite): the only instance. */
	private static final String ALONE = "this instance";

	/**
	 * An outbox row nobody holds: unclaimed, or claimed by an instance whose lease ran
	 * out. Not even this instance takes its own claim again before then: two of its
	 * threads, or its run before a restart, could be sending the row.
	 */
	String claimable(String row) {
		return "(" + row + ".claimed_by IS NULL OR " + row + ".lease_until < " + leases(Duration.ZERO).now() + ")";
	}

	/**
	 * Claims the rows of {@code outbox} ({@code upload} or {@code notification}) that
	 * {@code select} picks, in one statement; returns their ids, oldest first. On
	 * PostgreSQL concurrent claimers skip each other's rows
	 * ({@code FOR UPDATE SKIP LOCKED}) and the lease runs from the server's clock; SQLite
	 * has one writer, so its claims never overlap.
	 */
	List<Long> claim(String outbox, String select, Instant now, Duration lease, int limit) {
		String update = "UPDATE " + outbox + " SET claimed_by = :claimant, lease_until = " + leases(lease).leaseEnd()
				+ " WHERE id IN (" + select + (this.server ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING id";
		List<Long> claimed = this.writes.run(() -> this.jdbc.sql(update)
			.param("claimant", claimant())
			.param("me", this.instanceId)
			.param("now", Timestamps.format(now))
			.param("until", Timestamps.format(now.plus(lease)))
			.param("limit", limit)
			.query(Long.class)
			.list());
		return claimed.stream().sorted(Comparator.naturalOrder()).toList();
	}

	/**
	 * The clock outbox leases of this length are written and judged by, as SQL: on
	 * PostgreSQL the database server's (one clock, not each instance's own), on SQLite
	 * the {@code :now} and {@code :until} the claimer passes. Not the index's
	 * {@link IndexDb#dbClock()}: that one's lease is the jobs', and each outbox claim
	 * takes a lease of its own.
	 */
	private DbClock leases(Duration lease) {
		return new DbClock(this.server, lease);
	}

	/** This instance's name on its outbox claims. */
	private String claimant() {
		return (this.instanceId != null) ? this.instanceId : ALONE;
	}

	/**
	 * An outbox row's failed attempt, which lets go of the claim; {@code outbox} is
	 * {@code upload} or {@code notification}. Not counted when another instance took the
	 * row over meanwhile (this one outlived its lease): the row is that one's now.
	 */
	void attemptFailed(String outbox, long id, String error, Instant next) {
		this.writes.update(this.jdbc.sql("UPDATE " + outbox + """
				 SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
				    claimed_by = NULL, lease_until = NULL
				WHERE id = :id AND (claimed_by IS NULL OR claimed_by = :claimant)""")
			.param("claimant", claimant())
			.param("error", error)
			.param("next", Timestamps.format(next))
			.param("id", id));
	}

}
