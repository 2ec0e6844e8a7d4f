package io.videostore.recording.ondemand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A service stop whose grace runs out while a clip is being finalized. The service's stop
 * ({@code RecordingWorkers.stop}) interrupts the thread that records, once its grace is
 * over; these tests interrupt that thread the same way, while the finalize's ffmpeg
 * writes its MP4.
 */
@NoFfmpegLeftBehind
class StopDuringFinalizeIntegrationTests {

	@TempDir
	Path videos;

	private CameraSources sources;

	@BeforeEach
	void open() {
		this.sources = CameraSources.direct();
	}

	@AfterEach
	void close() {
		this.sources.close();
	}

	@Test
	void aStopDuringTheFinalizeKeepsTheWholeCaptureAsAPlayablePartialClipAndSaysWhy() throws Exception {
		CameraConfig camera = Cameras.demo(Cameras.video(this.videos, 6, true));
		Recorder recorder = Recorder.create(RecorderIntegrationTests.LOCATOR, this.sources);
		Path finalizing = this.videos.resolve(".partial").resolve("job-1.mp4");
		AtomicReference<RecordingResult> result = new AtomicReference<>();
		Thread worker = new Thread(() -> result.set(recorder.record(camera, "demo.mp4", RecordingProgress.Listener.NONE,
				CaptureLength.of(camera.video().duration()), "job-1")), "recording-worker-1");
		worker.start();
		// The finalize's ffmpeg creates its MP4 when it starts and is done with it when
		// it
		// exits: the stop lands inside the finalize.
		while (worker.isAlive() && !Files.exists(finalizing)) {
			Thread.sleep(1);
		}
		worker.interrupt();
		worker.join(Duration.ofSeconds(60).toMillis());

		RecordingResult r = result.get();
		assertThat(r.reason()).isEqualTo("the service stopped while the clip was being finalized; kept as captured");
		assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(r.clip()).isEqualTo(this.videos.resolve("demo.mp4"));
		ClipProbe clip = new Ffprobe(RecorderIntegrationTests.LOCATOR.locate(null))
			.probeStored(r.clip(), Duration.ofSeconds(60))
			.orElseThrow()
			.probe();
		// The camera's MJPEG, remuxed: every frame of the 6 s captured.
		assertThat(clip.codec()).isEqualTo("mjpeg");
		assertThat(clip.durationSeconds()).isCloseTo(6.0, within(0.5));
		assertThat(r.probe().durationSeconds()).isCloseTo(clip.durationSeconds(), within(0.01));
		try (var partial = Files.list(this.videos.resolve(".partial"))) {
			assertThat(partial).isEmpty();
		}
	}

}
