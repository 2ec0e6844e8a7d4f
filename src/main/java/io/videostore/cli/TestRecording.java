package io.videostore.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.videostore.camera.CameraSources;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.JobState;
import io.videostore.clips.StandaloneIndex;
import io.videostore.config.CameraConfig;
import io.videostore.config.ConfigException;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.ondemand.Recorder;
import io.videostore.recording.source.RecordingResult;
import io.videostore.storage.ClipNames;
import io.videostore.system.Redactor;

/**
 * {@code --test-recording}: records one clip now, shows live progress, then reports what
 * the clip holds. Succeeds only for a verified clip of the requested length.
 */
final class TestRecording {

	private final Session session;

	private final PrintStream out;

	TestRecording(Session session, PrintStream out) {
		this.session = session;
		this.out = out;
	}

	int run(String cameraId) {
		CameraConfig camera = (cameraId == null) ? session.config().cameras().get(0)
				: session.config()
					.camera(cameraId)
					.orElseThrow(() -> new ConfigException("--camera " + cameraId + ": no camera with that id in "
							+ session.config().source() + " (ids: "
							+ session.config().cameras().stream().map(CameraConfig::id).toList() + ")"));
		out.printf(Locale.ROOT, "Test recording: %.1f s from camera '%s' into %s%n",
				camera.video().duration().toMillis() / 1000.0, camera.id(), camera.video().output());
		String name = ClipNames.forTest(Clock.systemUTC().instant(), camera.id());
		// Ctrl+C (or SIGTERM) stops the capture the way a service stop does: ffmpeg is
		// asked to finish, and what it has is kept and reported before the JVM exits.
		Thread recording = Thread.currentThread();
		CountDownLatch reported = new CountDownLatch(1);
		Thread onStop = new Thread(() -> {
			out.println();
			out.println("Stopping: keeping what was recorded so far…");
			recording.interrupt();
			try {
				reported.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "test-recording-stop");
		Runtime.getRuntime().addShutdownHook(onStop);
		try {
			RecordingResult result;
			Instant startedAt = Clock.systemUTC().instant();
			try (CameraSources sources = CameraSources.create(session.config())) {
				ProgressDisplay progress = ProgressDisplay.forConsole(out);
				result = Recorder.create(FfmpegLocator.withDefaultCache(), sources).record(camera, name, progress);
			}
			report(result);
			index(camera, startedAt, result);
			return result.isComplete() ? ExitCodes.OK : ExitCodes.RECORDING_FAILED;
		}
		finally {
			reported.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(onStop);
			}
			catch (IllegalStateException ex) {
				// The JVM is already stopping: the hook is running.
			}
		}
	}

	/**
	 * Adds the recording to the index, as an alarm labelled {@code test-recording}, so it
	 * shows in the UI with the others; a failure here only costs that.
	 */
	private void index(CameraConfig camera, Instant startedAt, RecordingResult r) {
		JobState state = switch (r.outcome()) {
			case COMPLETE -> JobState.DONE;
			case PARTIAL -> JobState.PARTIAL;
			case FAILED -> JobState.FAILED;
		};
		ClipRecord clip = (r.clip() == null) ? null
				: new ClipRecord(camera.id(), r.clip().toAbsolutePath().toString(), r.probe().durationSeconds(),
						r.probe().frames(), r.probe().codec(), r.probe().width(), r.probe().height(),
						r.probe().sizeBytes(), r.coveredFrom(), r.coveredTo(), Clock.systemUTC().instant());
		try (StandaloneIndex index = StandaloneIndex.open(this.session.config())) {
			long id = index.recordRequested(camera.id(), camera.name(), "test-recording",
					"Test recording (--test-recording)", startedAt, state, r.isComplete() ? null : r.reason(), clip);
			out.println("  in the index as alarm " + id + ": /alarms/" + id);
		}
		catch (RuntimeException ex) {
			out.println("  (not added to the index: " + Redactor.redact(String.valueOf(ex.getMessage())) + ")");
		}
	}

	/** How long a stopping JVM waits for the interrupted capture to be kept. */
	private static final int STOP_GRACE_SECONDS = 20;

	private void report(RecordingResult r) {
		if (r.outcome() == RecordingResult.Outcome.FAILED) {
			out.println("Recording failed: " + r.reason());
			return;
		}
		ClipProbe p = r.probe();
		out.println((r.isComplete() ? "Clip saved: " : "Partial clip saved: ") + r.clip());
		out.printf(Locale.ROOT, "  duration %.2f s (requested %.1f s), %d frames (%.1f fps), %s %s %dx%d, %s%n",
				p.durationSeconds(), r.requestedSeconds(), p.frames(), p.averageFps(), p.codec(), p.pixelFormat(),
				p.width(), p.height(), ProgressDisplay.size(p.sizeBytes()));
		if (!r.isComplete()) {
			out.println("  incomplete: " + r.reason());
		}
	}

}
