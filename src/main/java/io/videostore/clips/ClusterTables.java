package io.videostore.clips;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.videostore.clips.db.Timestamps;
import io.videostore.clips.db.WriteQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index's cluster tables: instances' heartbeats and the camera leases that make each
 * camera (and its pre-roll buffer) owned by exactly one live instance. A lease is taken
 * over only once it has run out, in one conditional upsert, so two instances can never
 * both hold it: the database decides.
 */
public class ClusterTables {

	private final JdbcClient jdbc;

	private final WriteQueue writes;

	private final boolean shared;

	ClusterTables(JdbcClient jdbc, WriteQueue writes, boolean shared) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.shared = shared;
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

	/** Records that this instance is alive now. */
	public void heartbeat(String instanceId, String site, Instant now) {
		this.writes.update(this.jdbc.sql("""
				INSERT INTO instance (id, site, started_at, heartbeat_at) VALUES (:id, :site, :now, :now)
				ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, site = excluded.site""")
			.param("id", instanceId)
			.param("site", site)
			.param("now", Timestamps.format(now)));
	}

	/** Instances whose last heartbeat is after {@code aliveSince}, oldest first. */
	public List<Member> members(Instant aliveSince) {
		return this.jdbc.sql("""
				SELECT id, site, started_at, heartbeat_at FROM instance WHERE heartbeat_at > :since
				ORDER BY started_at, id""")
			.param("since", Timestamps.format(aliveSince))
			.query((rs, row) -> new Member(rs.getString("id"), rs.getString("site"),
					Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("heartbeat_at"))))
			.list();
	}

	/** Forgets an instance that stopped: its leases end now. */
	public void leave(String instanceId) {
		this.writes.update(this.jdbc.sql("DELETE FROM camera_lease WHERE instance_id = :id").param("id", instanceId));
		this.writes.update(this.jdbc.sql("DELETE FROM instance WHERE id = :id").param("id", instanceId));
	}

	/**
	 * Takes or renews the camera's lease until {@code until}: granted when nobody holds
	 * it, this instance does, or the holder's lease ran out before {@code now}.
	 * @return true when this instance holds the lease now
	 */
	public boolean acquireCamera(String cameraId, String instanceId, Instant now, Instant until) {
		int changed = this.writes.update(this.jdbc.sql("""
				INSERT INTO camera_lease (camera_id, instance_id, since, lease_until)
				VALUES (:camera, :me, :now, :until)
				ON CONFLICT (camera_id) DO UPDATE SET
				    instance_id = excluded.instance_id,
				    since = CASE WHEN camera_lease.instance_id = excluded.instance_id THEN camera_lease.since
				                 ELSE excluded.since END,
				    lease_until = excluded.lease_until
				WHERE camera_lease.instance_id = excluded.instance_id OR camera_lease.lease_until < :now""")
			.param("camera", cameraId)
			.param("me", instanceId)
			.param("now", Timestamps.format(now))
			.param("until", Timestamps.format(until)));
		return changed > 0;
	}

	/**
	 * Gives a camera up at once, so another instance need not wait for the lease to end.
	 */
	public void releaseCamera(String cameraId, String instanceId) {
		this.writes.update(this.jdbc.sql("DELETE FROM camera_lease WHERE camera_id = :camera AND instance_id = :me")
			.param("camera", cameraId)
			.param("me", instanceId));
	}

	/** A camera's lease as the table has it, run out or not. */
	public record Lease(String cameraId, String instanceId, Instant since, Instant until) {
	}

	/** Every camera lease, run out or not, by camera. */
	public List<Lease> leases() {
		return this.jdbc.sql("SELECT camera_id, instance_id, since, lease_until FROM camera_lease ORDER BY camera_id")
			.query((rs, row) -> new Lease(rs.getString("camera_id"), rs.getString("instance_id"),
					Timestamps.parse(rs.getString("since")), Timestamps.parse(rs.getString("lease_until"))))
			.list();
	}

	/** Each leased camera's holder whose lease has not run out at {@code now}. */
	public Map<String, String> cameraOwners(Instant now) {
		Map<String, String> owners = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT camera_id, instance_id FROM camera_lease WHERE lease_until >= :now ORDER BY camera_id""")
			.param("now", Timestamps.format(now))
			.query((rs) -> {
				owners.put(rs.getString("camera_id"), rs.getString("instance_id"));
			});
		return owners;
	}

}
