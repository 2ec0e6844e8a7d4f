package io.videostore.storage.retention;

import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.RetentionConfig;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of retention: its limits, the local copies it deleted since start by limit, the
 * last one and why, and a warning while a disk stays under {@code min_free_bytes} with no
 * clip left that may go. Always UP: the disks' own state is in {@code recording}.
 */
@Component("retention")
class RetentionHealthIndicator extends AbstractHealthIndicator {

	private final RetentionSweeper sweeper;

	private final RetentionConfig config;

	RetentionHealthIndicator(RetentionSweeper sweeper, AppConfig config) {
		this.sweeper = sweeper;
		this.config = config.storage().retention();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Retention.Status s = this.sweeper.status();
		builder.up();
		if (this.config.maxAge() != null) {
			builder.withDetail("maxAge", this.config.maxAge().toString());
		}
		if (this.config.maxBytes() != null) {
			builder.withDetail("maxBytes", this.config.maxBytes());
		}
		builder.withDetail("minFreeBytes", this.config.minFreeBytes());
		if (s.lastSweep() != null) {
			builder.withDetail("lastSweep", s.lastSweep().toString());
		}
		Map<String, Long> deleted = s.deletedByLimit();
		builder.withDetail("deletedSinceStart", deleted);
		if (s.lastDeleted() != null) {
			builder.withDetail("lastDeleted",
					Map.of("clipId", s.lastDeleted().clip().id(), "file",
							s.lastDeleted().clip().path().getFileName().toString(), "reason", s.lastDeleted().reason(),
							"at", s.lastDeletedAt().toString()));
		}
		if (s.warning() != null) {
			builder.withDetail("warning", s.warning());
		}
	}

}
