package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.videostore.camera.CameraFeed;
import io.videostore.camera.StreamEnd;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegCommand;
import io.videostore.ffmpeg.FfmpegProcess;
import io.videostore.ffmpeg.FfmpegProgress;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.RecordingProgress;

/**
 * What happened while ffmpeg captured a camera: how the camera stream ended, why the
 * watchdog stopped ffmpeg (if it did), and ffmpeg's last error line.
 *
 * @param streamEnd how the pumped camera stream ended, or null when ffmpeg read the
 * camera itself
 * @param watchdog why ffmpeg was stopped, or null when it finished on its own
 * @param ffmpegError ffmpeg's last error line (secrets masked)
 * @param ffmpegOutput ffmpeg's last output lines (secrets masked)
 */
record Capture(StreamEnd streamEnd, String watchdog, String ffmpegError, String ffmpegOutput) {

	/**
	 * A whole frame may take this long beyond the progress interval before ffmpeg counts
	 * as stuck.
	 */
	private static final Duration PROGRESS_SLACK = Duration.ofSeconds(3);

	/**
	 * Time ffmpeg gets to finish on its own before escalation, and per escalation step.
	 */
	static final Duration GRACE = Duration.ofSeconds(5);

	/**
	 * Runs ffmpeg on the feed into {@code partial}, pumping the feed on its own thread
	 * when it pipes.
	 */
	static Capture run(FfmpegBinaries ffmpeg, CameraFeed feed, CameraConfig camera, Path partial, CaptureLength window,
			RecordingProgress.Listener listener) {
		VideoConfig video = camera.video();
		if (!feed.gated()) {
			window.freeze();
		}
		// A gated feed ends itself at the window's target; -t is then only the cap, else
		// it is the length.
		Duration limit = feed.gated() ? window.max() : window.target();
		List<String> command = FfmpegCommand.record(ffmpeg, feed.ffmpegInput(), video, limit, partial);
		List<String> secrets = new ArrayList<>(feed.secrets());
		AtomicReference<StreamEnd> end = new AtomicReference<>();
		try (FfmpegProcess proc = FfmpegProcess.start(ffmpeg, command, camera.id(), feed.pipesToStdin(),
				video.debugInfo(), secrets)) {
			Thread pump = feed.pipesToStdin() ? startPump(feed, proc, camera.id(), window, end) : null;
			String watchdog = superviseOrStop(proc, video, window, listener);
			window.freeze();
			feed.close();
			if (pump != null) {
				pump.join(GRACE.toMillis());
			}
			return new Capture(end.get(), watchdog, proc.lastError(), proc.stderrTail());
		}
		catch (IOException ex) {
			return new Capture(null, null, "cannot start ffmpeg: " + ex.getMessage(), "");
		}
		catch (InterruptedException ex) {
			return new Capture(end.get(), SHUTDOWN, null, "");
		}
	}

	static final String SHUTDOWN = "stopped because the service is shutting down";

	/**
	 * Supervises ffmpeg; when the thread is interrupted (service shutting down) it stops
	 * ffmpeg gracefully so the capture is finalized and the footage so far is kept.
	 */
	private static String superviseOrStop(FfmpegProcess proc, VideoConfig video, CaptureLength window,
			RecordingProgress.Listener listener) throws InterruptedException {
		try {
			return supervise(proc, video, window, listener);
		}
		catch (InterruptedException ex) {
			proc.stop(GRACE);
			listener.onCaptureEnded();
			return SHUTDOWN;
		}
	}

	private static Thread startPump(CameraFeed feed, FfmpegProcess proc, String id, CaptureLength window,
			AtomicReference<StreamEnd> end) {
		Thread t = new Thread(() -> {
			end.set(feed.pumpTo(proc.stdin(), window::admit));
			try {
				// End of input tells ffmpeg to finalize the file.
				proc.stdin().close();
			}
			catch (IOException ex) {
				// ffmpeg already gone.
			}
		}, "camera-pump-" + id);
		t.setDaemon(true);
		t.start();
		return t;
	}

	/**
	 * Waits for ffmpeg to finish; stops it when it stalls or overruns. Returns why it was
	 * stopped, or null.
	 */
	private static String supervise(FfmpegProcess proc, VideoConfig video, CaptureLength window,
			RecordingProgress.Listener listener) throws InterruptedException {
		long deadline = System.nanoTime()
				+ window.max().plus(video.stallTimeout()).plus(GRACE.multipliedBy(3)).toNanos();
		Duration stallLimit = video.stallTimeout().plus(PROGRESS_SLACK);
		while (!proc.waitFor(Duration.ofMillis(250))) {
			double total = window.target().toMillis() / 1000.0;
			FfmpegProgress p = proc.progress();
			listener
				.onProgress(new RecordingProgress(Math.min(p.seconds(), total), total, p.fps(), p.frames(), p.bytes()));
			if (proc.sinceLastAdvance().compareTo(stallLimit) > 0) {
				String how = proc.stop(GRACE);
				listener.onCaptureEnded();
				return "no new frame for " + stallLimit.toSeconds() + " s (ffmpeg stopped: " + how + ")";
			}
			if (System.nanoTime() > deadline) {
				String how = proc.stop(GRACE);
				listener.onCaptureEnded();
				return "ffmpeg did not finish in time (stopped: " + how + ")";
			}
		}
		double total = window.target().toMillis() / 1000.0;
		FfmpegProgress p = proc.progress();
		listener.onProgress(new RecordingProgress(Math.min(p.seconds(), total), total, p.fps(), p.frames(), p.bytes()));
		listener.onCaptureEnded();
		return null;
	}

}
