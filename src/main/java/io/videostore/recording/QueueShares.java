package io.videostore.recording;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.videostore.clips.ClusterTables;
import io.videostore.clips.JobClaims;
import io.videostore.config.CameraConfig;

/**
 * How {@code webhooks.queue_size} is shared, so that no site and no camera can shut the
 * others out. On a shared database each site (the cameras without a site form one too)
 * may hold {@code queue_size} queued jobs: a site whose recorder is down fills only its
 * own share. Within a site, one camera may hold {@code queue_size} less one job for each
 * other camera of its site, but never less than half of {@code queue_size}: a camera
 * whose owner died (its jobs wait in the database, one per alarm) leaves room for the
 * next alarm of each other camera, and a camera alone in its site keeps the whole bound.
 * Alone on SQLite there are no sites: the bound holds for the whole queue, and the
 * per-camera share counts every camera (it matters for pre-roll cameras, which queue one
 * job per alarm; an on-demand camera has at most one waiting job, later alarms join it).
 */
final class QueueShares {

	private final int capacity;

	private final OwnedCameras owned;

	private final JobClaims claims;

	/** True when a site (empty: the cameras without one) has a live instance now. */
	private final Predicate<String> siteLive;

	/** True when a camera has an owner whose lease has not run out. */
	private final Predicate<String> ownerLive;

	/** Per site: its cameras' ids. */
	private final Map<String, List<String>> sites;

	/** All cameras: the one group there is alone. */
	private final int cameras;

	QueueShares(int capacity, List<CameraConfig> cameras, OwnedCameras owned, JobClaims claims,
			Predicate<String> siteLive, Predicate<String> ownerLive) {
		this.capacity = capacity;
		this.owned = owned;
		this.claims = claims;
		this.siteLive = siteLive;
		this.ownerLive = ownerLive;
		this.sites = cameras.stream()
			.collect(Collectors.groupingBy(CameraConfig::site,
					Collectors.mapping(CameraConfig::id, Collectors.toUnmodifiableList())));
		this.cameras = cameras.size();
	}

	/**
	 * The shares as the cluster tables show liveness: a site is live while one of its
	 * instances beats, a camera while its lease lasts.
	 */
	static QueueShares of(int capacity, List<CameraConfig> cameras, OwnedCameras owned, JobClaims claims,
			ClusterTables tables, Clock clock) {
		return new QueueShares(capacity, cameras, owned, claims,
				(site) -> tables.members(clock.instant().minus(owned.lease()))
					.stream()
					.anyMatch((m) -> site.equals((m.site() != null) ? m.site() : "")),
				(camera) -> tables.cameraOwners(clock.instant()).containsKey(camera));
	}

	/**
	 * The most queued jobs one camera may hold: {@code queue_size} less one for each
	 * other camera of its group, at least half of {@code queue_size} (rounded up).
	 */
	static int cameraShare(int capacity, int camerasInGroup) {
		int others = Math.max(0, camerasInGroup - 1);
		return Math.max((capacity + 1) / 2, capacity - others);
	}

	/**
	 * Why the camera's share of the queue has no room for another job; null when it has
	 * room, empty when the whole queue of this instance is full (no more to say).
	 * @param lanes this instance's lanes, under their lock
	 */
	String full(CameraConfig camera, Lanes lanes) {
		if (!this.owned.shared()) {
			if (lanes.full()) {
				return "";
			}
			int share = cameraShare(this.capacity, Math.max(this.cameras, 1));
			int mine = lanes.depth(camera.id());
			return (mine >= share) ? cameraFull(camera, mine, share, this.cameras, null) : null;
		}
		List<String> site = this.sites.getOrDefault(camera.site(), List.of(camera.id()));
		long queued = this.claims.queued(site);
		if (queued >= this.capacity) {
			return siteFull(camera.site(), queued);
		}
		int share = cameraShare(this.capacity, site.size());
		long mine = this.claims.queued(List.of(camera.id()));
		if (mine >= share) {
			return cameraFull(camera, mine, share, site.size(), this.ownerLive.test(camera.id()));
		}
		return null;
	}

	private String siteFull(String site, long queued) {
		boolean live = this.siteLive.test(site);
		String dead = live ? "" : " no live recorder:";
		return site.isEmpty()
				? "the cameras without a site" + (live ? ":" : " have" + dead) + " their " + queued
						+ " queued jobs fill their share of webhooks.queue_size (" + this.capacity + ")"
				: "site '" + site + "'" + (live ? ":" : " has" + dead) + " its " + queued
						+ " queued jobs fill its share of webhooks.queue_size (" + this.capacity + ")";
	}

	private String cameraFull(CameraConfig camera, long queued, int share, int group, Boolean owner) {
		String where = this.owned.shared() ? " of its site" : "";
		return "camera '" + camera.id() + "'" + (Boolean.FALSE.equals(owner) ? " has no live owner and" : "")
				+ " already has " + queued + " queued jobs: its share of webhooks.queue_size (" + this.capacity
				+ ") is " + share + ", so that the " + (group - 1) + " other camera(s)" + where + " keep room";
	}

}
