package io.videostore.camera;

import java.io.OutputStream;
import java.util.Collection;
import java.util.List;

/**
 * An opened camera, ready to be recorded by ffmpeg: either it pipes frames into ffmpeg's
 * stdin (HTTP cameras, IXON web access, the demo camera: credentials stay in this JVM),
 * or ffmpeg opens it itself (RTSP).
 */
public interface CameraFeed extends AutoCloseable {

	/**
	 * ffmpeg input options, ending with {@code -i <input>}; never contains a credential.
	 */
	List<String> ffmpegInput();

	/**
	 * True when {@link #pumpTo(OutputStream, FrameGate)} honours its gate frame by frame
	 * (MJPEG pumped by us), so a recording's length can still change while it runs.
	 */
	default boolean gated() {
		return false;
	}

	/** True when {@link #pumpTo} must run to feed ffmpeg's stdin. */
	boolean pipesToStdin();

	/**
	 * Copies the camera's frames into ffmpeg until the camera stops, ffmpeg stops
	 * reading, or the feed is closed. Only for feeds that {@link #pipesToStdin()}. Never
	 * throws: the result says why it stopped.
	 */
	default StreamEnd pumpTo(OutputStream ffmpegStdin) {
		return pumpTo(ffmpegStdin, FrameGate.OPEN);
	}

	/**
	 * Like {@link #pumpTo(OutputStream)}, ending with
	 * {@link StreamEnd.Kind#LENGTH_REACHED} as soon as the gate refuses a frame.
	 */
	StreamEnd pumpTo(OutputStream ffmpegStdin, FrameGate gate);

	/** Where the video comes from, safe to log and show. */
	String description();

	/** Secret values that must be masked if ffmpeg ever prints them. */
	Collection<String> secrets();

	/** Releases the connection; unblocks a running {@link #pumpTo}. */
	@Override
	void close();

}
