package io.videostore.recording;

import io.videostore.clips.JobClaims;
import io.videostore.config.AppConfig;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Queue health: depth against capacity. A full queue is reported (alarms get 503) but is
 * not "down".
 */
@Component("queue")
class QueueHealthIndicator extends AbstractHealthIndicator {

	private final RecordingQueue queue;

	private final int capacity;

	private final OwnedCameras owned;

	private final JobClaims claims;

	private final OutcomeWriter outcomes;

	QueueHealthIndicator(RecordingQueue queue, AppConfig config, OwnedCameras owned, JobClaims claims,
			OutcomeWriter outcomes) {
		this.outcomes = outcomes;
		this.owned = owned;
		this.claims = claims;
		this.queue = queue;
		this.capacity = config.webhooks().queueSize();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
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
			// The bound holds for the cluster: depth above is only this instance's lanes.
			long queued = claims.queued();
			builder.withDetail("queuedInCluster", queued).withDetail("full", queued >= capacity);
		}
	}

}
