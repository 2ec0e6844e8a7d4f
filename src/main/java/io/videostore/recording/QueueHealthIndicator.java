package io.videostore.recording;

import io.videostore.clips.JobClaims;
import io.videostore.clips.db.HealthQueries;
import io.videostore.config.AppConfig;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Queue health: depth against capacity. A full queue is reported (alarms get 503) but is
 * not "down". In a cluster DOWN when the database does not answer how many jobs are
 * queued in the cluster (within {@link HealthQueries#WAIT}).
 */
@Component("queue")
class QueueHealthIndicator extends AbstractHealthIndicator {

	private final RecordingQueue queue;

	private final int capacity;

	private final OwnedCameras owned;

	private final JobClaims claims;

	private final OutcomeWriter outcomes;

	private final HealthQueries queries;

	QueueHealthIndicator(RecordingQueue queue, AppConfig config, OwnedCameras owned, JobClaims claims,
			OutcomeWriter outcomes, HealthQueries queries) {
		this.outcomes = outcomes;
		this.queries = queries;
		this.owned = owned;
		this.claims = claims;
		this.queue = queue;
		this.capacity = config.webhooks().queueSize();
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
			// The bound holds for the cluster: depth above is only this instance's lanes.
			try {
				long queued = this.queries.ask(claims::queued);
				builder.withDetail("queuedInCluster", queued).withDetail("full", queued >= capacity);
			}
			catch (HealthQueries.NoAnswer ex) {
				builder.down().withDetail("queuedInCluster", ex.getMessage());
			}
		}
	}

}
