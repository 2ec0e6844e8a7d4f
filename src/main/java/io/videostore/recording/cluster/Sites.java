package io.videostore.recording.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.ClusterTables;
import io.videostore.clips.JobClaims;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.OwnedCameras;
import org.springframework.stereotype.Component;

/**
 * The camera sites of a cluster as the shared database shows them: per site (the cameras
 * without a site form one, named {@code ""}), its live instances, its cameras, its queued
 * jobs and how long the oldest has waited. A site with cameras and no live instance
 * records nothing: its alarms wait and expire. Published in the {@code cluster} health
 * and as the gauges {@code videostore.site.live}, {@code videostore.site.queued.jobs} and
 * {@code videostore.site.oldest.queued.age} (tag {@code site}, {@value #CLOUD_TAG} for
 * the cameras without one). Alone on SQLite there are no sites.
 */
@Component
public class Sites {

	/** The {@code site} tag of the cameras without a site: no site name has brackets. */
	static final String CLOUD_TAG = "(cloud)";

	/** Gauges are read per site and meter: one look at the database serves a scrape. */
	private static final Duration FRESH = Duration.ofSeconds(2);

	private final OwnedCameras owned;

	private final ClusterTables tables;

	private final JobClaims claims;

	private final Clock clock;

	/** Per configured site: its cameras' ids. */
	private final Map<String, List<String>> cameras = new TreeMap<>();

	private volatile Snapshot last;

	private record Snapshot(Instant at, List<Site> sites) {
	}

	/**
	 * One site now.
	 *
	 * @param site its name; empty for the cameras without a site
	 * @param live true while at least one of its instances beats
	 * @param instances its live instances
	 * @param cameras its cameras
	 * @param queuedJobs its cameras' queued jobs
	 * @param oldestQueuedSeconds how long the oldest of them has waited; null when none
	 */
	public record Site(String site, boolean live, List<String> instances, List<String> cameras, long queuedJobs,
			Long oldestQueuedSeconds) {
	}

	Sites(AppConfig config, OwnedCameras owned, ClusterTables tables, JobClaims claims, Clock clock,
			MeterRegistry metrics) {
		this.owned = owned;
		this.tables = tables;
		this.claims = claims;
		this.clock = clock;
		for (CameraConfig camera : config.cameras()) {
			this.cameras.computeIfAbsent(camera.site(), (s) -> new ArrayList<>()).add(camera.id());
		}
		if (owned.shared()) {
			this.cameras.keySet().forEach((site) -> register(metrics, site));
		}
	}

	private void register(MeterRegistry metrics, String site) {
		String tag = site.isEmpty() ? CLOUD_TAG : site;
		Gauge.builder("videostore.site.live", () -> find(site).map((s) -> s.live() ? 1 : 0).orElse(0))
			.tag("site", tag)
			.description("1 while a camera site has a live instance to record it, 0 when its alarms only wait")
			.register(metrics);
		Gauge.builder("videostore.site.queued.jobs", () -> find(site).map(Site::queuedJobs).orElse(0L))
			.tag("site", tag)
			.description("Queued jobs of a camera site's cameras (webhooks.queue_size bounds them)")
			.register(metrics);
		Gauge
			.builder("videostore.site.oldest.queued.age",
					() -> find(site).map(Site::oldestQueuedSeconds).map(Long::doubleValue).orElse(0.0))
			.tag("site", tag)
			.baseUnit("seconds")
			.description("How long the oldest queued job of a camera site has waited")
			.register(metrics);
	}

	private java.util.Optional<Site> find(String site) {
		return fresh().stream().filter((s) -> s.site().equals(site)).findFirst();
	}

	private List<Site> fresh() {
		Snapshot snapshot = this.last;
		Instant now = this.clock.instant();
		if (snapshot == null || now.isAfter(snapshot.at().plus(FRESH)) || now.isBefore(snapshot.at())) {
			snapshot = new Snapshot(now, now());
			this.last = snapshot;
		}
		return snapshot.sites();
	}

	/**
	 * Every site with cameras or live instances, by name (the cameras without a site
	 * first); empty alone on SQLite.
	 */
	public List<Site> now() {
		if (!this.owned.shared()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		Map<String, List<String>> instances = new TreeMap<>();
		this.tables.members(now.minus(this.owned.lease()))
			.forEach((m) -> instances.computeIfAbsent((m.site() != null) ? m.site() : "", (s) -> new ArrayList<>())
				.add(m.id()));
		Map<String, JobClaims.Queued> queued = this.claims.queuedByCamera();
		TreeSet<String> names = new TreeSet<>(this.cameras.keySet());
		names.addAll(instances.keySet());
		List<Site> sites = new ArrayList<>();
		for (String site : names) {
			List<String> ids = this.cameras.getOrDefault(site, List.of());
			JobClaims.Queued waiting = ids.stream()
				.map((id) -> queued.getOrDefault(id, JobClaims.Queued.NONE))
				.reduce(JobClaims.Queued.NONE, JobClaims.Queued::plus);
			List<String> live = instances.getOrDefault(site, List.of());
			sites.add(new Site(site, !live.isEmpty(), List.copyOf(live), List.copyOf(ids), waiting.count(),
					(waiting.oldest() != null) ? Math.max(0, Duration.between(waiting.oldest(), now).toSeconds())
							: null));
		}
		this.last = new Snapshot(now, sites);
		return sites;
	}

}
