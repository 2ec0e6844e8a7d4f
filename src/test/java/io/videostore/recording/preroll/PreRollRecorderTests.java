package io.videostore.recording.preroll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.RecordingResult;
import io.videostore.storage.ClipStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's pre-roll recorder on the demo camera (2 s before, 1 s after, clock_skew
 * 0: the buffer keeps 13 s).
 */
class PreRollRecorderTests {

	@TempDir
	Path videos;

	@Test
	void aQueuedJobsHeldFootageOutlivesTheBufferUntilItsClipIsMade() throws Exception {
		VideoConfig video = new VideoConfig(false, Duration.ofSeconds(3), 0, false, "auto", videos,
				Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5));
		CameraConfig camera = CameraConfig.demo(video);
		WebhooksConfig webhooks = new WebhooksConfig(10, 1, "", Duration.ofSeconds(30), Duration.ZERO);
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(camera), video, webhooks, null, false);
		PreRollRecorder recorder = new PreRollRecorder(config, FfmpegLocator.withDefaultCache(), CameraSources.direct(),
				new ClipStore(), new SimpleMeterRegistry());
		recorder.start();
		try {
			Thread.sleep(5500);
			Instant held = Instant.now().minusSeconds(1);
			Instant notHeld = held.plusMillis(100);
			recorder.hold(7, camera, held.minusSeconds(2), held.plusSeconds(1));

			// Both windows are now older than the 13 s the buffer keeps.
			Thread.sleep(16_000);
			RecordingResult kept = recorder.record(camera, held, "held.mp4");
			recorder.release(7);
			// The ring deletes what nothing holds as the next segment arrives.
			Thread.sleep(3000);
			RecordingResult lost = recorder.record(camera, notHeld, "not-held.mp4");

			assertThat(kept.outcome()).as(kept.reason()).isEqualTo(RecordingResult.Outcome.COMPLETE);
			// 3 s window, cut 1 s wider on each side.
			assertThat(kept.probe().durationSeconds()).isBetween(4.7, 5.3);
			assertThat(lost.outcome()).as("the same window without a hold").isEqualTo(RecordingResult.Outcome.FAILED);
			assertThat(lost.reason()).contains("older than the buffer", "keeps the last 13 s");
		}
		finally {
			recorder.stop();
		}
	}

}
