package io.videostore.clips.db;

import java.time.Duration;

/**
 * The clock that leases and claims are written and judged by, as SQL. On a shared
 * database (PostgreSQL) it is the server's own clock, read inside the statement that uses
 * it: instances whose clocks differ, or whose process was paused between reading the time
 * and sending the statement, still agree on whether a lease has run out. Alone on SQLite
 * there is one instance, whose clock is the only one: the statements use the {@code :now}
 * and {@code :until} values the caller passes (which keeps tests on a movable clock).
 * <p>
 * Written by hand: Spring has no portable "database time" expression, and the index
 * stores times as fixed-width UTC text ({@link Timestamps}), so the server's time is
 * formatted the same way.
 */
public final class DbClock {

	private static final String PG_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

	private final boolean server;

	private final long leaseMillis;

	/**
	 * @param server true to use the database server's clock (PostgreSQL)
	 * @param lease how long a lease or claim lasts without renewal
	 */
	public DbClock(boolean server, Duration lease) {
		this.server = server;
		this.leaseMillis = lease.toMillis();
	}

	/** The time now, as stored text: the server's, or the {@code :now} parameter. */
	public String now() {
		return this.server ? "to_char(statement_timestamp() AT TIME ZONE 'UTC', " + PG_FORMAT + ")" : ":now";
	}

	/**
	 * When a lease taken now runs out, as stored text: the server's time plus the lease,
	 * or the {@code :until} parameter.
	 */
	public String leaseEnd() {
		return this.server ? "to_char((statement_timestamp() + interval '1 millisecond' * " + this.leaseMillis
				+ ") AT TIME ZONE 'UTC', " + PG_FORMAT + ")" : ":until";
	}

	/**
	 * The moment one lease length ago, as stored text: a heartbeat older than this is an
	 * instance that stopped; on SQLite the {@code :since} parameter.
	 */
	public String leaseAgo() {
		return this.server ? "to_char((statement_timestamp() - interval '1 millisecond' * " + this.leaseMillis
				+ ") AT TIME ZONE 'UTC', " + PG_FORMAT + ")" : ":since";
	}

}
