package io.videostore.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

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
public class OwnedCameras {

	private final boolean shared;

	private final String instanceId;

	private final String site;

	private final Duration lease;

	private final Set<String> owned = ConcurrentHashMap.newKeySet();

	@Autowired
	OwnedCameras(AppConfig config, ClusterTables cluster) {
		this(cluster.shared(), config.instanceId(), config.instance().site(), config.instance().takeoverAfter());
	}

	OwnedCameras(boolean shared, String instanceId, String site, Duration lease) {
		this.shared = shared;
		this.instanceId = instanceId;
		this.site = site;
		this.lease = lease;
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

	public void gained(String cameraId) {
		this.owned.add(cameraId);
	}

	public void lost(String cameraId) {
		this.owned.remove(cameraId);
	}

}
