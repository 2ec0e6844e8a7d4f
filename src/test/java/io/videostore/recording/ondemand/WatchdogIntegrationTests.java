package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.testcam.NoFfmpegLeftBehind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ffmpeg that hangs (ignores end of input, {@code q} and SIGTERM, writes nothing) is
 * stopped by escalation, killed with its children, reaped, and the recording fails with a
 * reason instead of hanging.
 */
@NoFfmpegLeftBehind
class WatchdogIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void hungFfmpegIsKilledWithItsChildrenAndTheFailureSaysWhy() throws IOException {
		Path fake = fakeFfmpeg();
		Path videos = dir.resolve("videos");
		VideoConfig video = new VideoConfig(false, Duration.ofSeconds(2), 0, false, fake.toString(), videos,
				Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
		CameraConfig camera = CameraConfig.demo(video);
		long start = System.nanoTime();

		RecordingResult r;
		try (CameraSources sources = CameraSources.direct()) {
			r = Recorder.create(new FfmpegLocator(dir.resolve("cache")), sources)
				.record(camera, "hung.mp4", RecordingProgress.Listener.NONE);
		}

		assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(r.cause()).isEqualTo(Cause.CAMERA_STALLED);
		assertThat(r.reason()).contains("no new frame", "killed");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		assertThat(ProcessHandle.allProcesses().map((p) -> p.info().commandLine().orElse("")))
			.noneMatch((c) -> c.contains(dir.toString()) && c.contains("sleep"));
		assertThat(Files.list(videos)).allMatch((f) -> f.getFileName().toString().equals(".partial"));
	}

	/**
	 * A script that answers -version like ffmpeg, then hangs ignoring SIGTERM, with a
	 * child process.
	 */
	private Path fakeFfmpeg() throws IOException {
		Path bin = Files.createDirectories(dir.resolve("bin"));
		Path ffmpeg = bin.resolve("ffmpeg");
		Files.writeString(ffmpeg, """
				#!/bin/sh
				case "$*" in *-version*) echo "ffmpeg version 0.0-fake"; exit 0;; *-encoders*) exit 0;; esac
				trap '' TERM INT
				exec 0<&-
				sleep 300 &
				wait
				""");
		Path ffprobe = bin.resolve("ffprobe");
		Files.writeString(ffprobe, "#!/bin/sh\necho 'ffprobe version 0.0-fake'\n");
		ffmpeg.toFile().setExecutable(true);
		ffprobe.toFile().setExecutable(true);
		return ffmpeg;
	}

}
