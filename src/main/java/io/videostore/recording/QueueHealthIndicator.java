package io.videostore.recording;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.videostore.clips.JobClaims;
import io.videostore.config.CameraConfig;
import io.videostore.clips.db.HealthQueries;
import io.videostore.config.AppConfig;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Queue health: depth against capacity; on a shared database, the queued jobs per camera
 * site (the cameras without a site are {@code ""}), which {@code webhooks.queue_size}
 * bounds, and the sites that are full. A full queue is reported (alarms get 503) but is
 * not "down". In a cluster DOWN when the database does not answer (within
 * {@link HealthQueries#WAIT}).
 */
@Component("queue")
class QueueHealthIndicator extends AbstractHealthIndicator {

	private final RecordingQueue queue;

	private final int capacity;

	private final OwnedCameras owned;

	private final JobClaims claims;

	private final OutcomeWriter outcomes;

	private final List<CameraConfig> cameras;

	private final HealthQueries queries;

	QueueHealthIndicator(RecordingQueue queue, AppConfig config, OwnedCameras owned, JobClaims claims,
			OutcomeWriter outcomes, HealthQueries queries) {
		this.outcomes = outcomes;
		this.queries = queries;
		this.owned = owned;
		this.claims = claims;
		this.queue = queue;
		this.capacity = config.webhooks().queueSize();
		this.cameras = config.cameras();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int depth = queue.depth();
		builder.up()
			.withDetail("depth", depth)
			.withDetail("capacity", capacity)
			.withDetail("full", depth >= capacity)
			.withDetail("accepting", queue.isRunning());
		int unwritten = this.outcomes.waiting();
		if (unwritten > 0) {
			// Recordings that ended while the index did not answer: written when it does.
			builder.withDetail("unwrittenOutcomes", unwritten);
		}
		if (owned.shared()) {
			// The bound holds per camera site: depth above is only this instance's lanes.
			try {
				Map<String, JobClaims.Queued> byCamera = this.queries.ask(claims::queuedByCamera);
				Map<String, Long> bySite = new TreeMap<>();
				cameras.forEach((camera) -> bySite.merge(camera.site(),
						byCamera.getOrDefault(camera.id(), JobClaims.Queued.NONE).count(), Long::sum));
				List<String> fullSites = bySite.entrySet()
					.stream()
					.filter((e) -> e.getValue() >= capacity)
					.map(Map.Entry::getKey)
					.toList();
				builder
					.withDetail("queuedInCluster", byCamera.values().stream().mapToLong(JobClaims.Queued::count).sum())
					.withDetail("queuedBySite", bySite)
					.withDetail("fullSites", fullSites)
					.withDetail("full", !fullSites.isEmpty());
			}
			catch (HealthQueries.NoAnswer ex) {
				builder.down().withDetail("queuedInCluster", ex.getMessage());
			}
		}
	}

}
