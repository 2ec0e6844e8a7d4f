package io.videostore.recording.preroll.buffer;

import java.time.Clock;
import java.time.Instant;

/**
 * The zero point of one ffmpeg run's relative segment times, and how many of its segments
 * were seen.
 */
final class RunTimes {

	int rows;

	private Instant zero;

	/**
	 * The moment the first frame went into ffmpeg. When ffmpeg reads the camera itself
	 * (RTSP) there is no such moment: a row appears as the next segment opens, so now
	 * minus the row's end is close (within a poll).
	 */
	Instant zero(SegmentWriter writer, SegmentList.Row row, Clock clock) {
		if (zero == null) {
			zero = (writer.firstFrame() != null) ? writer.firstFrame()
					: clock.instant().minusNanos(Math.round(row.end() * 1e9));
		}
		return zero;
	}

}
