package io.videostore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.ondemand.Recorder;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;

/**
 * Records N clips of D seconds from a 10 fps MJPEG test camera (recode on) and compares
 * requested with probed duration and frame count. Arguments: clips seconds.
 */
public final class DurationAccuracy {

	private DurationAccuracy() {
	}

	public static void main(String[] args) throws Exception {
		int clips = Integer.parseInt(args[0]);
		double seconds = Double.parseDouble(args[1]);
		Path out = Files.createTempDirectory("duration-bench");
		VideoConfig v = VideoConfig.DEFAULTS;
		VideoConfig video = new VideoConfig(false, Duration.ofMillis((long) (seconds * 1000)), 0, true, "auto", out,
				Duration.ZERO, Duration.ZERO, v.stallTimeout());
		List<Double> errors = new ArrayList<>();
		List<Long> frameErrors = new ArrayList<>();
		try (TestCamera cam = TestCamera.start(Options.none()); CameraSources sources = CameraSources.direct()) {
			CameraConfig camera = new CameraConfig("bench", "bench", CameraSourceType.URL, cam.uri().toString(),
					CameraAuth.NONE, null, null, null, null, MatchRules.ALL, video);
			Recorder recorder = Recorder.create(FfmpegLocator.withDefaultCache(), sources);
			System.out.println("clip requested_s probed_s frames outcome");
			for (int i = 1; i <= clips; i++) {
				RecordingResult r = recorder.record(camera, "clip" + i + ".mp4", RecordingProgress.Listener.NONE);
				ClipProbe p = r.probe();
				double probed = (p != null) ? p.durationSeconds() : 0;
				long frames = (p != null) ? p.frames() : 0;
				errors.add(probed - seconds);
				frameErrors.add(frames - Math.round(seconds * 10));
				System.out.printf(Locale.ROOT, "%d %.1f %.3f %d %s%n", i, seconds, probed, frames, r.outcome());
			}
		}
		errors.sort(Double::compare);
		frameErrors.sort(Long::compare);
		System.out.printf(Locale.ROOT,
				"duration error (probed - requested): median %+.3f s, min %+.3f s, max %+.3f s; frame error: median %+d, min %+d, max %+d (expected %d frames)%n",
				errors.get(errors.size() / 2), errors.get(0), errors.get(errors.size() - 1),
				frameErrors.get(frameErrors.size() / 2), frameErrors.get(0), frameErrors.get(frameErrors.size() - 1),
				Math.round(seconds * 10));
	}

}
