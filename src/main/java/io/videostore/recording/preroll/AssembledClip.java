package io.videostore.recording.preroll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.videostore.ffmpeg.ClipProbe;

/**
 * A clip built from buffered segments.
 *
 * @param file the MP4 (not yet published)
 * @param probe what ffprobe found in it
 * @param requestedFrom window start asked for (UTC)
 * @param requestedTo window end asked for (UTC)
 * @param coveredFrom wall-clock time of the clip's first frame (MJPEG is cut to the
 * window; H.264 keeps whole segments, so it may start before the window)
 * @param coveredTo wall-clock time just after the clip's last frame
 * @param gaps parts of the requested window with no video; the clip keeps real time
 * across them (the last frame before a gap stays on screen)
 * @param waitedFullTimeout true when the window end was never covered and the clip was
 * built from what existed
 * @param stoppedEarly true when the service stopped while the clip waited for its
 * window's end, and it was built from what existed then
 * @param kept why the footage was kept as buffered, not re-encoded (null when it was
 * re-encoded as asked)
 * @param stoppedWhileCutting true when the service stopped while the clip was being
 * re-encoded, and the footage was kept as buffered instead
 */
record AssembledClip(Path file, ClipProbe probe, Instant requestedFrom, Instant requestedTo, Instant coveredFrom,
		Instant coveredTo, List<Gap> gaps, boolean waitedFullTimeout, boolean stoppedEarly, String kept,
		boolean stoppedWhileCutting) {

	/** True when the whole requested window is in the clip. */
	public boolean complete() {
		return gaps.isEmpty() && !waitedFullTimeout && !stoppedEarly && !stoppedWhileCutting;
	}

	/** Total missing time inside the requested window. */
	public Duration missing() {
		return gaps.stream().map(Gap::duration).reduce(Duration.ZERO, Duration::plus);
	}

}
