package io.videostore.camera;

/**
 * Decides, frame by frame, whether a pumped stream goes on: lets a recording end exactly
 * when its (possibly extended) length is reached, measured on the frames' own arrival
 * times.
 */
@FunctionalInterface
public interface FrameGate {

	/** Never ends the stream. */
	FrameGate OPEN = (nanos) -> true;

	/**
	 * @param nanosSinceFirstFrame arrival time of this frame, relative to the first frame
	 * delivered
	 * @return false to end the stream before this frame
	 */
	boolean admit(long nanosSinceFirstFrame);

}
