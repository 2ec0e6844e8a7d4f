package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;
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
 * The index's cluster tables: instances' heartbeats and the camera leases that make each
 * camera (and its pre-roll buffer) owned by exactly one live instance. A lease is taken
 * over only once it has run out by the database's clock ({@link DbClock}), in one
 * conditional upsert, so two instances can never both hold it: the database decides, and
 * each take-over counts the lease's generation up.
 */
public class ClusterTables {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final boolean shared;

	private final DbClock clock;

	ClusterTables(JdbcClient jdbc, WriteQueue writes, boolean shared, Duration lease) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.shared = shared;
		this.clock = new DbClock(shared, lease);
	}

	/**
	 * True when several instances may share this index (a database server); false for
	 * SQLite, which one instance locks for itself.
	 */
	public boolean shared() {
		return this.shared;
	}

	/**
	 * Holds a PostgreSQL advisory lock on an alarm's dedupe key until the transaction
	 * ends, so that two instances storing the same alarm at once take turns. Call within
	 * a transaction, on a shared database only.
	 */
	public void lockAlarmKey(String dedupeKey) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", (long) dedupeKey.hashCode()).query((rs) -> {
		});
	}

	/** An instance as its heartbeat shows it. */
	public record Member(String id, String site, Instant startedAt, Instant heartbeatAt) {
	}

	/** Records that this instance is alive now (by the database's clock). */
	public void heartbeat(String instanceId, String site, Instant now) {
		this.writes.update(this.jdbc
			.sql("""
					INSERT INTO instance (id, site, started_at, heartbeat_at) VALUES (:id, :site, %1$s, %1$s)
					ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, site = excluded.site"""
				.formatted(this.clock.now()))
			.param("id", instanceId)
			.param("site", site)
			.param("now", Timestamps.format(now)));
	}

	/**
	 * Instances whose last heartbeat is younger than a lease (by the database's clock; on
	 * SQLite: after {@code aliveSince}), oldest first.
	 */
	public List<Member> members(Instant aliveSince) {
		return this.jdbc.sql("""
				SELECT id, site, started_at, heartbeat_at FROM instance WHERE heartbeat_at > %s
				ORDER BY started_at, id""".formatted(this.clock.leaseAgo()))
			.param("since", Timestamps.format(aliveSince))
			.query((rs, row) -> new Member(rs.getString("id"), rs.getString("site"),
					Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("heartbeat_at"))))
			.list();
	}

	/**
	 * Forgets an instance that stopped: its cameras are free now (see
	 * {@link #releaseCamera}).
	 */
	public void leave(String instanceId, Instant now) {
		this.writes.update(this.jdbc.sql(RELEASE.formatted(this.clock.now(), "instance_id = :me"))
			.param("me", instanceId)
			.param("now", Timestamps.format(now)));
		this.writes.update(this.jdbc.sql("DELETE FROM instance WHERE id = :id").param("id", instanceId));
	}

	/**
	 * A released lease has no holder ({@code instance_id} empty) and has run out; the row
	 * stays, so that the next holder's generation counts up from it, and notes who
	 * released it and when.
	 */
	private static final String RELEASE = """
			UPDATE camera_lease SET previous_instance = instance_id, previous_until = %1$s, instance_id = '',
			    lease_until = %1$s
			WHERE %2$s""";

	/**
	 * Takes or renews the camera's lease for one lease length, by the database's clock:
	 * granted when nobody holds it, this instance does, or the holder's lease has run
	 * out. A take-over counts the lease's generation (its fencing token) up and notes the
	 * previous holder and when its lease ran out. On SQLite {@code now} and {@code until}
	 * are the times.
	 * @return the lease's generation when this instance holds it now, else empty
	 */
	public OptionalLong acquireCamera(String cameraId, String instanceId, Instant now, Instant until) {
		List<Long> generation = this.writes.run(() -> this.jdbc.sql("""
				INSERT INTO camera_lease (camera_id, instance_id, since, lease_until, generation)
				VALUES (:camera, :me, %1$s, %2$s, 1)
				ON CONFLICT (camera_id) DO UPDATE SET
				    instance_id = excluded.instance_id,
				    since = CASE WHEN camera_lease.instance_id = excluded.instance_id THEN camera_lease.since
				                 ELSE excluded.since END,
				    generation = CASE WHEN camera_lease.instance_id = excluded.instance_id THEN camera_lease.generation
				                 ELSE camera_lease.generation + 1 END,
				    previous_instance = CASE WHEN camera_lease.instance_id IN (excluded.instance_id, '')
				                 THEN camera_lease.previous_instance ELSE camera_lease.instance_id END,
				    previous_until = CASE WHEN camera_lease.instance_id IN (excluded.instance_id, '')
				                 THEN camera_lease.previous_until ELSE camera_lease.lease_until END,
				    lease_until = excluded.lease_until
				WHERE camera_lease.instance_id = excluded.instance_id OR camera_lease.lease_until < %1$s
				RETURNING generation""".formatted(this.clock.now(), this.clock.leaseEnd()))
			.param("camera", cameraId)
			.param("me", instanceId)
			.param("now", Timestamps.format(now))
			.param("until", Timestamps.format(until))
			.query(Long.class)
			.list());
		return generation.isEmpty() ? OptionalLong.empty() : OptionalLong.of(generation.get(0));
	}

	/**
	 * Gives a camera up at once, so another instance need not wait for the lease to end:
	 * the camera is free now, for the instance that holds the fewest to take.
	 */
	public void releaseCamera(String cameraId, String instanceId, Instant now) {
		this.writes
			.update(this.jdbc.sql(RELEASE.formatted(this.clock.now(), "camera_id = :camera AND instance_id = :me"))
				.param("camera", cameraId)
				.param("me", instanceId)
				.param("now", Timestamps.format(now)));
	}

	/**
	 * A camera's lease as the table has it, run out or not.
	 *
	 * @param cameraId the camera
	 * @param instanceId its holder, or its last holder; empty once released (free)
	 * @param since when the holder took it
	 * @param until when the lease runs out unless renewed
	 * @param expired true when it has run out, by the database's clock
	 * @param generation the fencing token: counted up on every take-over
	 * @param previousInstance the holder before, or null
	 * @param previousUntil when the previous holder's lease ran out (or was released), or
	 * null
	 */
	public record Lease(String cameraId, String instanceId, Instant since, Instant until, boolean expired,
			long generation, String previousInstance, Instant previousUntil) {

		/** True when its holder gave it up: any instance may take it at once. */
		public boolean released() {
			return this.instanceId.isEmpty();
		}

	}

	/**
	 * Every camera lease, run out or not, by camera, judged by the database's clock (on
	 * SQLite at {@code now}).
	 */
	public List<Lease> leases(Instant now) {
		return this.jdbc.sql("""
				SELECT camera_id, instance_id, since, lease_until, generation, previous_instance, previous_until,
				    CASE WHEN lease_until < %s THEN 1 ELSE 0 END AS expired
				FROM camera_lease ORDER BY camera_id""".formatted(this.clock.now()))
			.param("now", Timestamps.format(now))
			.query((rs, row) -> new Lease(rs.getString("camera_id"), rs.getString("instance_id"),
					Timestamps.parse(rs.getString("since")), Timestamps.parse(rs.getString("lease_until")),
					rs.getInt("expired") == 1, rs.getLong("generation"), rs.getString("previous_instance"),
					Timestamps.parse(rs.getString("previous_until"))))
			.list();
	}

	/** One camera's lease, if it was ever leased. */
	public Optional<Lease> lease(String cameraId, Instant now) {
		return leases(now).stream().filter((l) -> l.cameraId().equals(cameraId)).findFirst();
	}

	/** Each leased camera's holder whose lease has not run out at {@code now}. */
	public Map<String, String> cameraOwners(Instant now) {
		Map<String, String> owners = new LinkedHashMap<>();
		this.jdbc
			.sql("""
					SELECT camera_id, instance_id FROM camera_lease WHERE lease_until >= %s ORDER BY camera_id"""
				.formatted(this.clock.now()))
			.param("now", Timestamps.format(now))
			.query((rs) -> {
				owners.put(rs.getString("camera_id"), rs.getString("instance_id"));
			});
		return owners;
	}

}
