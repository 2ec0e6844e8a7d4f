package io.videostore.recording.preroll;

/**
 * No clip could be built from the buffer: no footage at all in the window, or ffmpeg
 * failed (its last error line is in the message).
 */
class ClipAssemblyException extends Exception {

	public ClipAssemblyException(String message) {
		super(message);
	}

}
