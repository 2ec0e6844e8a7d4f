package io.videostore.ffmpeg;

/**
 * What ffprobe found in a video file: the only judge of whether a recording worked.
 *
 * @param durationSeconds container duration
 * @param frames number of video packets (one per frame for the codecs we write)
 * @param codec video codec name, e.g. {@code h264} or {@code mjpeg}
 * @param pixelFormat e.g. {@code yuv420p}
 * @param width frame width
 * @param height frame height
 * @param sizeBytes file size
 */
public record ClipProbe(double durationSeconds, long frames, String codec, String pixelFormat, int width, int height,
		long sizeBytes) {

	/** True when the file holds at least one decodable video frame. */
	public boolean hasVideo() {
		return frames > 0 && codec != null && width > 0;
	}

	/** Average frames per second over the clip. */
	public double averageFps() {
		return (durationSeconds > 0) ? frames / durationSeconds : 0;
	}

}
