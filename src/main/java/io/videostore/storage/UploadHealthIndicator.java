package io.videostore.storage;

import java.time.Clock;
import java.time.Duration;

import io.videostore.clips.db.HealthQueries;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the uploads, when a bucket is configured: the backlog, its oldest clip's age,
 * the last success and error. Down while uploads fail, or when a clip has waited longer
 * than {@code videostore.uploads.stale-after} (one hour by default), or when the database
 * does not answer how many wait (within {@link HealthQueries#WAIT}).
 */
class UploadHealthIndicator extends AbstractHealthIndicator {

	private final Uploader uploader;

	private final Clock clock;

	private final Duration staleAfter;

	private final HealthQueries queries;

	UploadHealthIndicator(Uploader uploader, Clock clock, Duration staleAfter, HealthQueries queries) {
		this.uploader = uploader;
		this.queries = queries;
		this.clock = clock;
		this.staleAfter = staleAfter;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Uploader.Status s;
		try {
			s = this.queries.ask(this.uploader::status);
		}
		catch (HealthQueries.NoAnswer ex) {
			builder.down().withDetail("pending", ex.getMessage());
			return;
		}
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
