package io.videostore.storage;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the uploads, when a bucket is configured: the backlog, its oldest clip's age,
 * the last success and error. Down while uploads fail, or when a clip has waited longer
 * than {@code videostore.uploads.stale-after} (one hour by default).
 */
class UploadHealthIndicator extends AbstractHealthIndicator {

	private final Uploader uploader;

	private final Clock clock;

	private final Duration staleAfter;

	UploadHealthIndicator(Uploader uploader, Clock clock, Duration staleAfter) {
		this.uploader = uploader;
		this.clock = clock;
		this.staleAfter = staleAfter;
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
		if (age.compareTo(this.staleAfter) > 0) {
			builder.withDetail("stale", "the oldest clip has waited more than " + this.staleAfter.toMinutes()
					+ " min to be uploaded (videostore.uploads.stale-after)");
		}
		if (s.failing() || age.compareTo(this.staleAfter) > 0) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
