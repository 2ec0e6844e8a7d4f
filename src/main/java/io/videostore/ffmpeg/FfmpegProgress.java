package io.videostore.ffmpeg;

/**
 * ffmpeg's latest {@code -progress} report.
 *
 * @param frames frames written so far
 * @param fps current output frame rate
 * @param bytes bytes written so far
 * @param outTimeMicros media time written so far
 * @param ended true once ffmpeg reported {@code progress=end}
 */
public record FfmpegProgress(long frames, double fps, long bytes, long outTimeMicros, boolean ended) {

	static final FfmpegProgress NONE = new FfmpegProgress(0, 0, 0, 0, false);

	/** Media seconds written so far. */
	public double seconds() {
		return outTimeMicros / 1_000_000.0;
	}

}
