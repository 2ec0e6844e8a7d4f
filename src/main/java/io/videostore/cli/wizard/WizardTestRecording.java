package io.videostore.cli.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ixon.IxonClient;
import io.videostore.recording.ondemand.Recorder;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;

/**
 * Proves the wizard's choice by recording a few seconds through IXON into a temporary
 * folder (deleted after), then says what the clip holds or exactly why there is none.
 */
final class WizardTestRecording {

	private final Duration duration;

	private final FfmpegLocator locator;

	WizardTestRecording(Duration duration, FfmpegLocator locator) {
		this.duration = duration;
		this.locator = locator;
	}

	/** True when a clip with video came out. */
	boolean run(AppConfig config, CameraConfig camera, IxonClient client, WizardConsole console) {
		console.say(String.format(Locale.ROOT, "Test recording %d s through IXON web access...", duration.toSeconds()));
		Path dir;
		try {
			dir = Files.createTempDirectory("videostore-wizard");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (CameraSources sources = CameraSources.create(config, client)) {
			CameraConfig test = camera.withVideo(camera.video().withDuration(duration).withOutput(dir));
			RecordingResult result = Recorder.create(locator, sources)
				.record(test, "wizard-test.mp4", RecordingProgress.Listener.NONE);
			report(result, console);
			return result.outcome() != RecordingResult.Outcome.FAILED;
		}
		finally {
			delete(dir);
		}
	}

	private static void report(RecordingResult r, WizardConsole console) {
		if (r.outcome() == RecordingResult.Outcome.FAILED) {
			console.say("Test recording FAILED: " + r.reason());
			return;
		}
		ClipProbe p = r.probe();
		console.say(String.format(Locale.ROOT, "Test recording OK: %.1f s, %d frames (%.1f fps), %dx%d %s%s",
				p.durationSeconds(), p.frames(), p.averageFps(), p.width(), p.height(), p.codec(),
				r.isComplete() ? "" : " (shorter than asked: " + r.reason() + ")"));
	}

	private static void delete(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary folder; the OS cleans it eventually.
		}
	}

}
