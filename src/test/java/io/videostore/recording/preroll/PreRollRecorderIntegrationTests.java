package io.videostore.recording.preroll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.preroll.buffer.BufferSettings;
import io.videostore.recording.preroll.buffer.BufferState;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;
import io.videostore.storage.ClipStore;
import io.videostore.storage.retention.DiskSpace;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's pre-roll recorder on the demo camera (2 s before, 1 s after, clock_skew
 * 0: the buffer keeps 13 s).
 */
@NoFfmpegLeftBehind
class PreRollRecorderIntegrationTests {

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
				new ClipStore(Clock.systemUTC()), new SimpleMeterRegistry(), new DiskSpace());
		recorder.start();
		try {
			// The 2 s pre-roll of an alarm 1 s ago, and its 1 s edge, are buffered.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> bufferingSince(recorder, camera),
						(since) -> since != null && since.isBefore(Instant.now().minusMillis(4500)));
			Instant held = Instant.now().minusSeconds(1);
			Instant notHeld = held.plusMillis(100);
			RecordingJob heldJob = job(7, camera, held, "held.mp4", recorder);
			recorder.hold(heldJob);

			// Both windows, and the segments around them, get older than the 13 s the
			// buffer keeps.
			Duration retain = BufferSettings.forCamera(camera, videos, Duration.ZERO).retain();
			Instant gone = heldJob.window().cutTo().plus(retain).plusSeconds(4);
			await().atMost(Duration.between(Instant.now(), gone).plusSeconds(10))
				.until(() -> Instant.now().isAfter(gone));
			RecordingResult kept = recorder.record(heldJob);
			recorder.release(heldJob);
			// The ring deletes what nothing holds any more at its next look.
			RecordingJob notHeldJob = job(8, camera, notHeld, "not-held.mp4", recorder);
			RecordingResult lost = await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> recorder.record(notHeldJob), (r) -> r.outcome() == RecordingResult.Outcome.FAILED);

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

	@Test
	void aPendingAlarmTheEarlierRunsFootageMissesSaysWhatWasSetAsideNotOnlyThatTheBufferIsStarting() throws Exception {
		VideoConfig video = new VideoConfig(false, Duration.ofSeconds(3), 0, false, "auto", videos,
				Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5));
		CameraConfig camera = CameraConfig.demo(video);
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(camera), video, new WebhooksConfig(10, 1, "", Duration.ofSeconds(30), Duration.ZERO), null,
				false);
		// A killed run's 12 segments of 2 s, ten minutes ago.
		Path folder = Files.createDirectories(videos.resolve(".buffer").resolve(camera.id()));
		Instant zero = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
		Files.writeString(folder.resolve("zero-0.txt"), zero.toString());
		StringBuilder list = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			String name = String.format(Locale.ROOT, "seg-0-%05d.mkv", i);
			Files.writeString(folder.resolve(name), "video");
			list.append(name).append(',').append(2.0 * i).append(',').append(2.0 * i + 2).append('\n');
		}
		Files.writeString(folder.resolve("list-0.csv"), list);
		PreRollRecorder recorder = new PreRollRecorder(config, FfmpegLocator.withDefaultCache(), CameraSources.direct(),
				new ClipStore(Clock.systemUTC()), new SimpleMeterRegistry(), new DiskSpace());
		recorder.start();
		try {
			// Pending at the kill, its window a minute ago: after the earlier run's
			// footage, before this run's buffer.
			RecordingJob pending = job(3, camera, Instant.now().minusSeconds(60), "pending.mp4", recorder);

			assertThat(recorder.salvage(pending, pending.window().from(), "the service died")).isEmpty();
			RecordingResult r = recorder.record(pending);

			assertThat(r.outcome()).isEqualTo(RecordingResult.Outcome.FAILED);
			assertThat(r.reason()).contains("has no buffered video between")
				.contains("; the 12 segment(s) the earlier run left, set aside at this start, cover " + zero + " – "
						+ zero.plusSeconds(24) + ", before or after its window")
				.doesNotContain("(buffer starting)");
		}
		finally {
			recorder.stop();
		}
	}

	private static Instant bufferingSince(PreRollRecorder recorder, CameraConfig camera) {
		BufferState state = recorder.states().get(camera.id());
		return (state != null && state.kind() == BufferState.Kind.BUFFERING) ? state.since() : null;
	}

	private static RecordingJob job(long id, CameraConfig camera, Instant alarm, String clipName,
			PreRollRecorder recorder) {
		return new RecordingJob(id, 1, camera, recorder.window(camera, alarm, Instant.now()), clipName, Instant.now(),
				CaptureLength.of(camera.video().duration()), recorder);
	}

}
