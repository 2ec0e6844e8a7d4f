package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.testcam.ClipPackets;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * On a loaded machine ffmpeg may start, or read, late while the camera keeps sending. A
 * clip must still show the camera's time at its real speed: frames keep the times they
 * arrived at, and frames ffmpeg had no time for are dropped rather than squeezed in. The
 * busy machine is played by an ffmpeg that starts its capture 2 s late.
 */
@NoFfmpegLeftBehind
class ClipSpeedIntegrationTests {

	static final FfmpegLocator LOCATOR = FfmpegLocator.withDefaultCache();

	@TempDir
	Path videos;

	@TempDir
	Path bin;

	@Test
	void clipFromACameraThatFfmpegReadsLatePlaysAtRealSpeed() throws Exception {
		FfmpegBinaries real = LOCATOR.locate("auto");
		Path slowFfmpeg = wrapper("ffmpeg", real.ffmpeg(), real, "case \"$*\" in *pipe:0*) sleep 2 ;; esac");
		wrapper("ffprobe", real.ffprobe(), real, "");
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10));
				CameraSources sources = CameraSources.direct()) {
			VideoConfig v = Cameras.video(videos, 4, false);
			CameraConfig camera = Cameras.url(cam.uri(), CameraAuth.NONE,
					new VideoConfig(v.debugInfo(), v.duration(), v.framerate(), v.recode(), slowFfmpeg.toString(),
							v.output(), v.preRoll(), v.postRoll(), v.stallTimeout()));

			RecordingResult r = Recorder.create(LOCATOR, sources)
				.record(camera, "late.mp4", RecordingProgress.Listener.NONE);

			assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.COMPLETE);
			ClipProbe p = new Ffprobe(real).probe(r.clip()).orElseThrow();
			// 4 s of the camera's time, at most 10 frames in each second of it.
			assertThat(p.durationSeconds()).isCloseTo(4.0, within(0.5));
			List<Double> times = ClipPackets.times(r.clip());
			assertThat(times.get(times.size() - 1) - times.get(0)).isCloseTo(3.9, within(0.5));
			assertThat((double) p.frames()).isLessThanOrEqualTo(p.durationSeconds() * 10 * 1.1);
		}
	}

	private Path wrapper(String name, Path target, FfmpegBinaries real, String before) throws IOException {
		String libraries = real.environment().getOrDefault("LD_LIBRARY_PATH", "");
		Path script = this.bin.resolve(name);
		Files.writeString(script, "#!/bin/sh\nexport LD_LIBRARY_PATH='" + libraries + "'\n" + before + "\nexec '"
				+ target + "' \"$@\"\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		return script;
	}

}
