package io.videostore.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.TestDatabase;
import io.videostore.clips.TestIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.RetentionConfig;
import io.videostore.config.S3Config;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The uploads' health and metrics on a real index (SQLite; PostgreSQL in a subclass): an
 * old backlog turns health DOWN after the configured time, and its age is a metric.
 */
class UploadHealthIndicatorTests {

	/** The database these tests run on; a subclass runs them on another. */
	TestDatabase database() {
		return TestDatabase.SQLITE;
	}

	@TempDir
	Path videos;

	@Test
	void aBacklogOlderThanStaleAfterTurnsHealthDownAndItsAgeIsAMetric() {
		MovableClock clock = MovableClock.frozen();
		SimpleMeterRegistry metrics = new SimpleMeterRegistry();
		try (TestIndex db = TestIndex.open(database(), this.videos, clock)) {
			Uploader uploader = new Uploader(config(), db.uploads, clock, metrics, Duration.ofSeconds(1),
					Duration.ofMinutes(1), false);
			UploadHealthIndicator health = new UploadHealthIndicator(uploader, clock, Duration.ofMinutes(30),
					new io.videostore.clips.db.HealthQueries());
			Instant now = clock.instant();
			long clip = db.clips.recordClip(new ClipRecord("press", this.videos.resolve("a.mp4").toString(), 1.0, 10,
					"h264", 640, 360, 1000, now, now, now));
			uploader.clipStored(clip, "press", this.videos.resolve("a.mp4"), now);

			clock.advance(Duration.ofMinutes(20));
			Health young = health.health(true);
			clock.advance(Duration.ofMinutes(20));
			Health old = health.health(true);

			assertThat(young.getStatus()).isEqualTo(Status.UP);
			assertThat(young.getDetails()).containsEntry("pending", 1L).containsEntry("oldestPendingSeconds", 1200L);
			assertThat(old.getStatus()).isEqualTo(Status.DOWN);
			assertThat(old.getDetails().get("stale").toString())
				.contains("waited more than 30 min to be uploaded (videostore.uploads.stale-after)");
			assertThat(metrics.get("videostore.uploads.oldest.age").gauge().value()).isEqualTo(2400.0);
			assertThat(metrics.get("videostore.uploads.pending").gauge().value()).isEqualTo(1.0);
		}
	}

	private AppConfig config() {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos);
		S3Config s3 = new S3Config("http://127.0.0.1:9", "clips", "us-east-1", "", "a", "b", true, true);
		return new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, null,
				new StorageConfig(s3, RetentionConfig.DEFAULTS), null, false);
	}

}
