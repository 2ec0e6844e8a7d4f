package io.videostore.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.videostore.camera.CameraException;
import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.camera.StreamEnd;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.recording.RecordingResult.Cause;
import io.videostore.recording.RecordingResult.Outcome;
import io.videostore.storage.ClipStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one clip from one camera: opens the camera, runs a supervised ffmpeg into a crash-safe partial file,
 * stops it if the camera or ffmpeg stalls, judges the result by probing the file (never by ffmpeg's exit
 * code), finalizes it to MP4 and publishes it under a name that never collides.
 */
public class Recorder {

	private static final Logger log = LoggerFactory.getLogger(Recorder.class);

	/** A whole frame may take this long beyond the progress interval before ffmpeg counts as stuck. */
	private static final Duration PROGRESS_SLACK = Duration.ofSeconds(3);

	/** Time ffmpeg gets to finish on its own before escalation, and per escalation step. */
	private static final Duration GRACE = Duration.ofSeconds(5);

	/** Allowed shortfall before a clip counts as partial. */
	private static final double TOLERANCE_SECONDS = 0.5;

	/** Re-encoding a long 1080p clip on a small machine can take a while; a hung ffmpeg cannot take longer. */
	private static final Duration FINALIZE_TIMEOUT = Duration.ofMinutes(10);

	private final FfmpegLocator locator;

	private final CameraSources cameras;

	private final ClipStore store;

	public Recorder(FfmpegLocator locator, CameraSources cameras, ClipStore store) {
		this.locator = locator;
		this.cameras = cameras;
		this.store = store;
	}

	/**
	 * Records {@code camera.video().duration()} seconds now and publishes the clip as {@code clipName} (or
	 * the next free variant of it) in {@code camera.video().output()}. Never throws for camera or ffmpeg
	 * failures: the result carries the reason.
	 */
	public RecordingResult record(CameraConfig camera, String clipName, RecordingProgress.Listener listener) {
		VideoConfig video = camera.video();
		double requested = video.duration().toMillis() / 1000.0;
		FfmpegBinaries ffmpeg;
		try {
			ffmpeg = locator.locate(video.ffmpegPath());
		}
		catch (FfmpegNotFoundException ex) {
			return RecordingResult.failed(Cause.FFMPEG_MISSING, ex.getMessage(), requested);
		}
		Path partial;
		try {
			partial = store.partialDir(video.output()).resolve(UUID.randomUUID() + ".mkv");
		}
		catch (IOException ex) {
			return RecordingResult.failed(Cause.STORAGE, "cannot write to " + video.output() + ": " + ex.getMessage(),
					requested);
		}
		CameraFeed feed;
		try {
			feed = cameras.open(camera);
		}
		catch (CameraException ex) {
			return RecordingResult.failed(cause(ex.reason()), ex.getMessage(), requested);
		}
		log.info("Recording {} s from camera '{}' ({})", requested, camera.id(), feed.description());
		try (feed) {
			Capture capture = capture(ffmpeg, feed, camera, partial, listener);
			return judge(ffmpeg, camera, capture, partial, clipName, requested);
		}
		finally {
			deleteQuietly(partial);
		}
	}

	/** What happened while ffmpeg ran. */
	private record Capture(StreamEnd streamEnd, String watchdog, String ffmpegError) {
	}

	private Capture capture(FfmpegBinaries ffmpeg, CameraFeed feed, CameraConfig camera, Path partial,
			RecordingProgress.Listener listener) {
		VideoConfig video = camera.video();
		List<String> command = FfmpegCommand.record(ffmpeg, feed.ffmpegInput(), video, partial);
		List<String> secrets = new ArrayList<>(feed.secrets());
		AtomicReference<StreamEnd> end = new AtomicReference<>();
		try (FfmpegProcess proc = FfmpegProcess.start(ffmpeg, command, camera.id(), feed.pipesToStdin(),
				video.debugInfo(), secrets)) {
			Thread pump = feed.pipesToStdin() ? startPump(feed, proc, camera.id(), end) : null;
			String watchdog = supervise(proc, video, end, listener);
			feed.close();
			if (pump != null) {
				pump.join(GRACE.toMillis());
			}
			return new Capture(end.get(), watchdog, proc.lastError());
		}
		catch (IOException ex) {
			return new Capture(null, null, "cannot start ffmpeg: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Capture(end.get(), "interrupted", null);
		}
	}

	private Thread startPump(CameraFeed feed, FfmpegProcess proc, String id, AtomicReference<StreamEnd> end) {
		Thread t = new Thread(() -> {
			end.set(feed.pumpTo(proc.stdin()));
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

	/** Waits for ffmpeg to finish; stops it when it stalls or overruns. Returns why it was stopped, or null. */
	private String supervise(FfmpegProcess proc, VideoConfig video, AtomicReference<StreamEnd> end,
			RecordingProgress.Listener listener) throws InterruptedException {
		double total = video.duration().toMillis() / 1000.0;
		long deadline = System.nanoTime()
				+ video.duration().plus(video.stallTimeout()).plus(GRACE.multipliedBy(3)).toNanos();
		Duration stallLimit = video.stallTimeout().plus(PROGRESS_SLACK);
		while (!proc.waitFor(Duration.ofMillis(250))) {
			FfmpegProgress p = proc.progress();
			listener.onProgress(new RecordingProgress(Math.min(p.seconds(), total), total, p.fps(), p.frames(),
					p.bytes()));
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
		FfmpegProgress p = proc.progress();
		listener.onProgress(new RecordingProgress(Math.min(p.seconds(), total), total, p.fps(), p.frames(), p.bytes()));
		listener.onCaptureEnded();
		return null;
	}

	private RecordingResult judge(FfmpegBinaries ffmpeg, CameraConfig camera, Capture capture, Path partial,
			String clipName, double requested) {
		Ffprobe probe = new Ffprobe(ffmpeg);
		ClipProbe raw = probe.probe(partial).filter(ClipProbe::hasVideo).orElse(null);
		if (raw == null) {
			return RecordingResult.failed(failureCause(capture), failureReason(capture, requested), requested);
		}
		Path mp4 = partial.resolveSibling(partial.getFileName().toString().replace(".mkv", ".mp4"));
		try {
			ProcessRunner.runOrThrow(ffmpeg, FfmpegCommand.finalize(ffmpeg, partial, raw, camera.video(), mp4),
					FINALIZE_TIMEOUT);
			ClipProbe clip = probe.probe(mp4).filter(ClipProbe::hasVideo)
				.orElseThrow(() -> new IOException("the finalized MP4 is not readable"));
			Path published = store.store(mp4, camera.video().output(), clipName);
			boolean complete = clip.durationSeconds() >= requested - TOLERANCE_SECONDS;
			String reason = complete ? null : shortReason(capture, clip, requested);
			log.info("Clip {} from camera '{}': {} s, {} frames, {} {}x{}, {} bytes{}", published, camera.id(),
					clip.durationSeconds(), clip.frames(), clip.codec(), clip.width(), clip.height(), clip.sizeBytes(),
					complete ? "" : " (partial: " + reason + ")");
			return new RecordingResult(complete ? Outcome.COMPLETE : Outcome.PARTIAL,
					complete ? Cause.NONE : failureCause(capture), reason, published, clip, requested);
		}
		catch (IOException ex) {
			return RecordingResult.failed(Cause.STORAGE, "could not finalize the clip: " + ex.getMessage(), requested);
		}
		catch (FfmpegNotFoundException ex) {
			return RecordingResult.failed(Cause.FFMPEG_MISSING, ex.getMessage(), requested);
		}
		finally {
			deleteQuietly(mp4);
		}
	}

	private static Cause failureCause(Capture c) {
		if (c.streamEnd() != null && c.streamEnd().cameraStopped()) {
			return switch (c.streamEnd().kind()) {
				case STALLED -> Cause.CAMERA_STALLED;
				case ENDED -> Cause.CAMERA_ENDED;
				default -> Cause.STREAM_BROKEN;
			};
		}
		if (c.watchdog() != null) {
			return c.watchdog().startsWith("no new frame") ? Cause.CAMERA_STALLED : Cause.TIMEOUT;
		}
		return FfmpegErrors.classify(c.ffmpegError());
	}

	private static String failureReason(Capture c, double requested) {
		if (c.streamEnd() != null && c.streamEnd().cameraStopped()) {
			return c.streamEnd().detail() + " before any frame was recorded";
		}
		if (c.watchdog() != null) {
			return c.watchdog() + " before any frame was recorded";
		}
		return FfmpegErrors.describe(failureCause(c), c.ffmpegError());
	}

	private static String shortReason(Capture c, ClipProbe clip, double requested) {
		String why = (c.streamEnd() != null && c.streamEnd().cameraStopped()) ? c.streamEnd().detail()
				: (c.watchdog() != null) ? c.watchdog() : "ffmpeg stopped early: " + c.ffmpegError();
		return String.format(java.util.Locale.ROOT, "%s after %.1f s of %.1f s", why, clip.durationSeconds(),
				requested);
	}

	private static Cause cause(CameraException.Reason reason) {
		return switch (reason) {
			case AUTH_REFUSED -> Cause.CAMERA_AUTH;
			case NOT_FOUND -> Cause.CAMERA_NOT_FOUND;
			case UNREACHABLE -> Cause.CAMERA_UNREACHABLE;
			case BAD_RESPONSE -> Cause.CAMERA_BAD_RESPONSE;
			case NOT_CONFIGURED -> Cause.CAMERA_NOT_CONFIGURED;
		};
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", file, ex.getMessage());
		}
	}

}
