package io.videostore.recording;

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

	QueueHealthIndicator(RecordingQueue queue, AppConfig config) {
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
	}

}
