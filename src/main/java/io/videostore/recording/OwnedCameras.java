package io.videostore.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.videostore.camera.StreamLicence;
import io.videostore.clips.ClusterTables;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which cameras this instance records. Alone on its index (SQLite) it owns every camera;
 * on a shared database (PostgreSQL) it owns the cameras whose lease it holds
 * ({@code recording.cluster.ClusterMember}), and the alarms of the others wait in the
 * database for their owner.
 */
@Component
public class OwnedCameras implements StreamLicence {

	private final boolean shared;

	private final String instanceId;

	private final String site;

	private final Duration lease;

	private final Set<String> owned = ConcurrentHashMap.newKeySet();

	/**
	 * Until when (System.nanoTime) this instance can prove it holds its leases: four
	 * fifths of a lease after the last renewal that the database confirmed was sent. The
	 * monotonic clock keeps running while the process is paused, so a process that
	 * resumes after a pause sees at once that its proof ran out.
	 */
	private volatile long provenUntil;

	@Autowired
	OwnedCameras(AppConfig config, ClusterTables cluster) {
		this(cluster.shared(), config.instanceId(), config.instance().site(), config.instance().takeoverAfter());
	}

	OwnedCameras(boolean shared, String instanceId, String site, Duration lease) {
		this(shared, instanceId, site, lease, System::nanoTime);
	}

	/**
	 * @param ticker the monotonic clock, in nanoseconds ({@link System#nanoTime} but in
	 * tests)
	 */
	public OwnedCameras(boolean shared, String instanceId, String site, Duration lease, LongSupplier ticker) {
		this.shared = shared;
		this.instanceId = instanceId;
		this.site = site;
		this.lease = lease;
		this.ticker = ticker;
		this.provenUntil = ticker.getAsLong();
	}

	private final LongSupplier ticker;

	/** The monotonic clock the proof of the leases is judged by, in nanoseconds. */
	public long ticks() {
		return this.ticker.getAsLong();
	}

	/** True when this instance records the camera's alarms now. */
	public boolean owns(String cameraId) {
		return !this.shared || this.owned.contains(cameraId);
	}

	/** True on a database several instances share. */
	public boolean shared() {
		return this.shared;
	}

	/** This instance's name in the cluster tables. */
	public String instanceId() {
		return this.instanceId;
	}

	/** The site this instance serves; empty for none. */
	public String site() {
		return this.site;
	}

	/** True when this instance may own the camera: the camera is of its site. */
	public boolean eligible(CameraConfig camera) {
		return camera.site().equals(this.site);
	}

	/** How long a lease or claim lasts without renewal. */
	public Duration lease() {
		return this.lease;
	}

	/** The end of a lease or claim taken or renewed at {@code now}. */
	public Instant leaseFrom(Instant now) {
		return now.plus(this.lease);
	}

	/** The cameras owned now, sorted. */
	public Set<String> owned() {
		return new TreeSet<>(this.owned);
	}

	/**
	 * The leases were renewed (confirmed by the database) by a statement sent at
	 * {@code sentNanos}: the database's clock was no earlier then, so they run out no
	 * sooner than a lease later by any instance's judgement.
	 */
	public void proven(long sentNanos) {
		this.provenUntil = sentNanos + this.lease.toNanos() * 4 / 5;
	}

	/** True while this instance can prove it holds its leases (see {@link #proven}). */
	public boolean proven() {
		return !this.shared || ticks() - this.provenUntil < 0;
	}

	/** How long ago the proof ran out, or zero while it holds. */
	public Duration unprovenFor() {
		long late = ticks() - this.provenUntil;
		return (late <= 0) ? Duration.ZERO : Duration.ofNanos(late);
	}

	@Override
	public boolean valid(String cameraId) {
		return !this.shared || (this.owned.contains(cameraId) && proven());
	}

	@Override
	public String refusal(String cameraId) {
		if (this.owned.contains(cameraId) || !proven()) {
			return "fenced: this instance (" + this.instanceId + ") could not reach the database to renew its lease "
					+ "on camera '" + cameraId + "' (for more than "
					+ this.lease.multipliedBy(4).dividedBy(5).toSeconds()
					+ " s), so it stopped streaming before another instance may take the camera over";
		}
		if (!this.owned.contains(cameraId)) {
			return "camera '" + cameraId + "' is no longer recorded by this instance (" + this.instanceId + ")";
		}
		return "fenced: this instance (" + this.instanceId + ") could not reach the database to renew its lease on "
				+ "camera '" + cameraId + "' (for more than " + this.lease.multipliedBy(4).dividedBy(5).toSeconds()
				+ " s), so it stopped streaming before another instance may take the camera over";
	}

	public void gained(String cameraId) {
		this.owned.add(cameraId);
	}

	/**
	 * A camera taken over from an instance that stopped renewing its lease.
	 *
	 * @param from the instance that held it
	 * @param lastRenewed when that instance last renewed its lease (by the database's
	 * clock)
	 * @param at when this instance took it over
	 */
	public record HandOver(String from, Instant lastRenewed, Instant at) {

		/** Why footage between the two is missing, in words. */
		public String describe(String cameraId) {
			return "nobody owned camera '" + cameraId + "' between " + this.lastRenewed + " and " + this.at
					+ " (instance " + this.from + " stopped renewing its lease: it died, was paused, or lost the "
					+ "database)";
		}

	}

	private final java.util.Map<String, HandOver> handOvers = new ConcurrentHashMap<>();

	/** Owns the camera now, taken over from an instance that stopped renewing. */
	public void gained(String cameraId, HandOver handOver) {
		this.handOvers.put(cameraId, handOver);
		this.owned.add(cameraId);
	}

	/** How this instance came to own the camera, when it took it over from another. */
	public java.util.Optional<HandOver> handOver(String cameraId) {
		return java.util.Optional.ofNullable(this.handOvers.get(cameraId));
	}

	public void lost(String cameraId) {
		this.owned.remove(cameraId);
	}

}
