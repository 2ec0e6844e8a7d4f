package io.videostore.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Video settings ({@code video.*}, overridable per camera).
 *
 * @param debugInfo show ffmpeg's own output in the log ({@code debug_info})
 * @param duration clip length ({@code duration}, seconds, default 10)
 * @param framerate output frame rate, or 0 for {@code auto} (keep the camera's own
 * timing)
 * @param recode true: H.264 yuv420p MP4 that plays in browsers; false: real stream copy
 * @param ffmpegPath explicit ffmpeg executable, or {@code auto} (bundled, then PATH)
 * @param output folder for finished clips (default {@code videos}), made absolute against
 * the working directory when the configuration is read
 * @param preRoll seconds before the alarm's createdOn that its clip covers; above 0 the
 * camera keeps a buffer (one stream open around the clock); 0 = record on demand from the
 * webhook's arrival
 * @param postRoll seconds after the alarm's createdOn that its clip covers (with a
 * pre-roll buffer)
 * @param stallTimeout how long a camera may send nothing before the recording is stopped
 * (default 10 s)
 */
public record VideoConfig(boolean debugInfo, Duration duration, double framerate, boolean recode, String ffmpegPath,
		Path output, Duration preRoll, Duration postRoll, Duration stallTimeout) {

	/**
	 * The output folder is made absolute once, here, so that every path derived from it
	 * is absolute too: ffmpeg resolves a relative path in a concat list against the
	 * list's own folder (not the working directory), and an orphaned ffmpeg is found by
	 * the absolute path in its arguments.
	 */
	public VideoConfig {
		output = (output != null) ? output.toAbsolutePath().normalize() : null;
	}

	public static final VideoConfig DEFAULTS = new VideoConfig(false, Duration.ofSeconds(10), 0, true, "auto",
			Path.of("videos"), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10));

	/** True when {@code framerate: auto}. */
	public boolean autoFramerate() {
		return framerate <= 0;
	}

	public VideoConfig withDuration(Duration duration) {
		return new VideoConfig(debugInfo, duration, framerate, recode, ffmpegPath, output, preRoll, postRoll,
				stallTimeout);
	}

	public VideoConfig withOutput(Path output) {
		return new VideoConfig(debugInfo, duration, framerate, recode, ffmpegPath, output, preRoll, postRoll,
				stallTimeout);
	}

}
