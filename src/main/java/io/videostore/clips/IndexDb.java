package io.videostore.clips;

import java.time.Clock;
import java.time.Duration;

import io.videostore.clips.db.DbClock;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the index's table classes ({@link Alarms}, {@link Jobs}, {@link Clips},
 * {@link UploadOutbox}, {@link NotificationOutbox}) share: the service's only way into
 * the database for alarms, recording jobs, clips and their outboxes.
 * <p>
 * Every write is one statement, so one short transaction, and writes queue in order for
 * SQLite's single writer (PostgreSQL takes them at once): concurrent webhook threads only
 * ever wait for each other briefly. Portable SQL only, run on both databases by the
 * tests. Call the table classes outside Spring transactions.
 */
public final class IndexDb {

	/** Clips of this instance's disk: made here, or before instances were told apart. */
	static final String CLIP_HERE = "(c.instance_id IS NULL OR c.instance_id = :me)";

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final Clock clock;

	private final String instanceId;

	private final HeldClaims held;

	private final DbClock dbClock;

	private final boolean server;

	/**
	 * An index of one instance alone, which claims nothing (such as a command run beside
	 * the service).
	 */
	IndexDb(JdbcClient jdbc, WriteQueue writes, Clock clock) {
		this(jdbc, writes, clock, null, new HeldClaims(), new DbClock(false, Duration.ZERO));
	}

	/**
	 * @param instanceId the instance whose disk holds the clips it records, on a database
	 * several instances share; null alone
	 * @param held the fencing tokens of the jobs this instance claimed (shared with its
	 * {@link JobClaims})
	 * @param dbClock the clock claims are written by
	 */
	IndexDb(JdbcClient jdbc, WriteQueue writes, Clock clock, String instanceId, HeldClaims held, DbClock dbClock) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.clock = clock;
		this.instanceId = instanceId;
		this.held = held;
		this.dbClock = dbClock;
		this.server = !writes.queued();
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	WriteQueue writes() {
		return this.writes;
	}

	Clock clock() {
		return this.clock;
	}

	/** This instance's id on a database several instances share; null alone. */
	String instanceId() {
		return this.instanceId;
	}

	HeldClaims held() {
		return this.held;
	}

	DbClock dbClock() {
		return this.dbClock;
	}

	/**
	 * True on a database server that takes concurrent writers (PostgreSQL): outbox claims
	 * skip rows another instance is claiming, and leases run by the server's clock.
	 */
	boolean server() {
		return this.server;
	}

	static void requireFound(int updated, String what, long id) {
		if (updated == 0) {
			throw new IllegalArgumentException("No " + what + " with id " + id);
		}
	}

}
