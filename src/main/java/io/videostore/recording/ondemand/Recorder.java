package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.videostore.camera.CameraException;
import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegCommand;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.FfmpegNotFoundException;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.ffmpeg.ShortJob;
import io.videostore.recording.CaptureLength;
import io.videostore.recording.RecordingProgress;
import io.videostore.recording.RecordingResult;
import io.videostore.recording.RecordingResult.Cause;
import io.videostore.recording.RecordingResult.Outcome;
import io.videostore.storage.ClipStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one clip from one camera: opens the camera, runs a supervised ffmpeg into a
 * crash-safe partial file, stops it if the camera or ffmpeg stalls, judges the result by
 * probing the file (never by ffmpeg's exit code), finalizes it to MP4 and publishes it
 * under a name that never collides.
 */
public class Recorder {

	private static final Logger log = LoggerFactory.getLogger(Recorder.class);

	/** Allowed shortfall before a clip counts as partial. */
	private static final double TOLERANCE_SECONDS = 0.5;

	/**
	 * Re-encoding a long 1080p clip on a small machine can take a while; a hung ffmpeg
	 * cannot take longer.
	 */
	private static final Duration FINALIZE_TIMEOUT = Duration.ofMinutes(10);

	private final FfmpegLocator locator;

	private final CameraSources cameras;

	private final ClipStore store;

	private Recorder(FfmpegLocator locator, CameraSources cameras, ClipStore store) {
		this.locator = locator;
		this.cameras = cameras;
		this.store = store;
	}

	/**
	 * The one way a recorder is made, by the service and the command line alike: with
	 * these cameras, the ffmpeg this locator finds, and clips published by a
	 * {@link ClipStore}.
	 */
	public static Recorder create(FfmpegLocator locator, CameraSources cameras) {
		return new Recorder(locator, cameras, new ClipStore());
	}

	/**
	 * Records {@code camera.video().duration()} seconds now and publishes the clip as
	 * {@code clipName} (or the next free variant of it) in
	 * {@code camera.video().output()}. Never throws for camera or ffmpeg failures: the
	 * result carries the reason.
	 */
	public RecordingResult record(CameraConfig camera, String clipName, RecordingProgress.Listener listener) {
		return record(camera, clipName, listener, CaptureLength.of(camera.video().duration()));
	}

	/**
	 * Records like {@link #record(CameraConfig, String, RecordingProgress.Listener)} for
	 * as long as the window says, which other alarms may extend while it captures.
	 */
	public RecordingResult record(CameraConfig camera, String clipName, RecordingProgress.Listener listener,
			CaptureLength window) {
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
		// The camera answered: its frames go to ffmpeg from now on, so the clip shows
		// from about this moment.
		Instant opened = Instant.now();
		try (feed) {
			Capture capture = Capture.run(ffmpeg, feed, camera, partial, window, listener);
			return judge(ffmpeg, camera, capture, partial, clipName, window.target().toMillis() / 1000.0, opened);
		}
		finally {
			deleteQuietly(partial);
		}
	}

	private RecordingResult judge(FfmpegBinaries ffmpeg, CameraConfig camera, Capture capture, Path partial,
			String clipName, double requested, Instant opened) {
		Ffprobe probe = new Ffprobe(ffmpeg);
		ClipProbe raw = probe.probe(partial).filter(ClipProbe::hasVideo).orElse(null);
		if (raw == null) {
			return RecordingResult.failed(failureCause(capture), failureReason(capture, requested), requested);
		}
		Path mp4 = partial.resolveSibling(partial.getFileName().toString().replace(".mkv", ".mp4"));
		try {
			ShortJob.runOrThrow(ffmpeg, FfmpegCommand.finalize(ffmpeg, partial, raw, camera.video(), mp4),
					FINALIZE_TIMEOUT);
			ClipProbe clip = probe.probe(mp4)
				.filter(ClipProbe::hasVideo)
				.orElseThrow(() -> new IOException("the finalized MP4 is not readable"));
			Path published = store.store(mp4, camera.video().output(), clipName);
			boolean complete = clip.durationSeconds() >= requested - TOLERANCE_SECONDS;
			String reason = complete ? null : shortReason(capture, clip, requested);
			log.info("Clip {} from camera '{}': {} s, {} frames, {} {}x{}, {} bytes{}", published, camera.id(),
					clip.durationSeconds(), clip.frames(), clip.codec(), clip.width(), clip.height(), clip.sizeBytes(),
					complete ? "" : " (partial: " + reason + ")");
			return new RecordingResult(complete ? Outcome.COMPLETE : Outcome.PARTIAL,
					complete ? Cause.NONE : failureCause(capture), reason, published, clip, requested, opened,
					opened.plusMillis(Math.round(clip.durationSeconds() * 1000)));
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
		return FfmpegErrors.classify(c.ffmpegOutput());
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
