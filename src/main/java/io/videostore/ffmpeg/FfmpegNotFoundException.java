package io.videostore.ffmpeg;

/**
 * No usable ffmpeg: the configured one does not run, the bundled one cannot start and
 * none is on the PATH.
 */
public class FfmpegNotFoundException extends RuntimeException {

	public FfmpegNotFoundException(String message) {
		super(message);
	}

}
