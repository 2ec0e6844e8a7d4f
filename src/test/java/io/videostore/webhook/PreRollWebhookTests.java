package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.videostore.clips.ClipView;
import io.videostore.clips.JobView;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera with pre_roll: an alarm whose webhook arrives late still gets a clip that starts before the alarm.
 */
class PreRollWebhookTests {

	@TempDir
	Path videos;

	@Test
	void lateWebhookGetsAClipCoveringThePreRollBeforeCreatedOn() throws Exception {
		VideoConfig video = new VideoConfig(false, Duration.ofSeconds(5), 0, true, "auto", videos,
				Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(5));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			Thread.sleep(7000);
			LocalDateTime createdOn = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);

			HttpResponse<String> r = rig.post(WebhookRig.alarm("pre1", "Pre roll", createdOn.toString()));

			assertThat(r.statusCode()).isEqualTo(202);
			JobView job = rig.awaitJobsFinished(WebhookRecordingTests.alarmId(r), Duration.ofSeconds(30)).get(0);
			assertThat(job.state()).as(job.reason()).isEqualTo("done");
			assertThat(job.windowStart()).isEqualTo(createdOn.minusSeconds(3).toInstant(ZoneOffset.UTC));
			assertThat(job.windowEnd()).isEqualTo(createdOn.plusSeconds(2).toInstant(ZoneOffset.UTC));
			ClipView clip = rig.index().clip(job.clipId()).orElseThrow();
			// Whole 2 s segments: at least the 5 s window, at most one extra segment at each edge.
			assertThat(clip.durationSeconds()).isBetween(4.8, 9.5);
			WebhookRecordingTests.assertVerifiedH264(Path.of(clip.path()), clip.durationSeconds());
			String metrics = rig.http.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + rig.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			assertThat(metrics).contains("videostore_buffer_buffering{camera=\"demo\"} 1.0");
		}
	}

}
