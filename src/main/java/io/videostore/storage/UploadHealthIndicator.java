package io.videostore.storage;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the uploads, when a bucket is configured: the backlog, its oldest clip's age,
 * the last success and error. Down while uploads fail, or when a clip has waited longer
 * than {@link #STALE}.
 */
class UploadHealthIndicator extends AbstractHealthIndicator {

	static final Duration STALE = Duration.ofHours(1);

	private final Uploader uploader;

	private final Clock clock;

	UploadHealthIndicator(Uploader uploader, Clock clock) {
		this.uploader = uploader;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Uploader.Status s = this.uploader.status();
		builder.withDetail("pending", s.pending());
		Duration age = (s.oldest() != null) ? Duration.between(s.oldest(), this.clock.instant()) : Duration.ZERO;
		if (s.oldest() != null) {
			builder.withDetail("oldestPendingSeconds", age.toSeconds());
		}
		if (s.lastSuccess() != null) {
			builder.withDetail("lastSuccess", s.lastSuccess().toString());
		}
		if (s.lastError() != null) {
			builder.withDetail(s.failing() ? "lastError" : "resolvedError", s.lastError());
		}
		if (s.failing() || age.compareTo(STALE) > 0) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
